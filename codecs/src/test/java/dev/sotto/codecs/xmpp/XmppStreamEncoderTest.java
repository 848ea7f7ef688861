package dev.sotto.codecs.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.codecs.xml.ElementBuilder;
import dev.sotto.codecs.xml.XmlNamespaces;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The encoder's bytes, compared with hand-written XML of RFC 6120's examples. */
class XmppStreamEncoderTest {
    private final XmppStreamEncoder encoder = new XmppStreamEncoder();

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void initialStreamHeaderOfRfc6120Section4_7() {
        assertThat(s(encoder.encode(StreamOpen.client("juliet@im.example.com", "im.example.com", "en"))))
                .isEqualTo("<?xml version='1.0'?><stream:stream from='juliet@im.example.com' to='im.example.com'"
                        + " version='1.0' xml:lang='en' xmlns='jabber:client'"
                        + " xmlns:stream='http://etherx.jabber.org/streams'>");
        assertThat(s(encoder.encode(new StreamClose()))).isEqualTo("</stream:stream>");
    }

    @Test
    void serverHeaderWithDialbackPrefixRoundTrips() {
        StreamOpen open = new StreamOpen(new dev.sotto.codecs.xml.XmlDeclaration("1.0", null, null), "stream",
                "jabber:server", java.util.List.of(new dev.sotto.codecs.xml.XmlAttribute("", "to", "example.net")),
                java.util.Map.of("", "jabber:server", "stream", XmlNamespaces.STREAMS, "db", "jabber:server:dialback"));
        byte[] b = encoder.encode(open);
        assertThat(s(b)).isEqualTo("<?xml version='1.0'?><stream:stream to='example.net' xmlns='jabber:server'"
                + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback'>");
        assertThat(Feeding.decode(b).events()).containsExactly(open);
    }

    @Test
    void stanzaInTheContentNamespaceCarriesNoDeclarationAndEscapes() {
        byte[] b = encoder.encode(Stanzas.message("romeo@example.net", "chat")
                .textChild("body", "a<b & c>d ]]> 'q' \"dq\"\r\n").build());
        assertThat(s(b)).isEqualTo("<message to='romeo@example.net' type='chat'>"
                + "<body>a&lt;b &amp; c&gt;d ]]&gt; 'q' \"dq\"&#xD;\n</body></message>");
    }

    @Test
    void namespacesAreDeclaredOnlyWhereTheyChange() {
        byte[] b = encoder.encode(Stanzas.iq("result", "b1")
                .child(ElementBuilder.element("jabber:iq:roster", "query")
                        .child(ElementBuilder.element("jabber:iq:roster", "item").attribute("jid", "a@b")))
                .build());
        assertThat(s(b)).isEqualTo("<iq type='result' id='b1'><query xmlns='jabber:iq:roster'>"
                + "<item jid='a@b'/></query></iq>");
    }

    @Test
    void attributeNamespacesGetAPrefixDeclaredOnceAndXmlLangUsesXml() {
        byte[] b = encoder.encode(ElementBuilder.element("urn:a", "x")
                .attribute("urn:b", "t", "1")
                .attribute(XmlNamespaces.XML, "lang", "en")
                .child(ElementBuilder.element("urn:a", "y").attribute("urn:b", "u", "2"))
                .build());
        assertThat(s(b)).isEqualTo("<x xmlns='urn:a' xmlns:ns0='urn:b' ns0:t='1' xml:lang='en'>"
                + "<y ns0:u='2'/></x>");
    }

    @Test
    void attributeWhitespaceIsEscapedSoThatNormalizationGivesItBack() {
        byte[] b = encoder.encode(Stanzas.presence().attribute("a", "x\ty\nz\r'&<").build());
        assertThat(s(b)).isEqualTo("<presence a='x&#x9;y&#xA;z&#xD;&apos;&amp;&lt;'/>");
    }

    @Test
    void elementWithoutNamespaceUnderADefaultUndeclaresIt() {
        byte[] b = encoder.encode(Stanzas.message(null, null).child(ElementBuilder.element("", "x")).build());
        assertThat(s(b)).isEqualTo("<message><x xmlns=''/></message>");
    }

    @Test
    void charactersXmlCannotCarryAreRefused() {
        assertThatThrownBy(() -> encoder.encode(Stanzas.message(null, null).textChild("body", "a\u0001b").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode(Stanzas.message(null, null).textChild("body", "\uD800x").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode(Stanzas.message("\uFFFE", null).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode(ElementBuilder.element("", "not a name").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
