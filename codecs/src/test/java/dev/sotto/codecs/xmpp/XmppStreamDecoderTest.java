package dev.sotto.codecs.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.xml.XmlAttribute;
import dev.sotto.codecs.xml.XmlDeclaration;
import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.codecs.xml.XmlNamespaces;
import dev.sotto.codecs.xml.XmlText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accepted input: every case runs whole, byte at a time and at random splits ({@link Feeding}). */
class XmppStreamDecoderTest {
    static final String HEADER = "<?xml version='1.0'?><stream:stream from='juliet@im.example.com'"
            + " to='im.example.com' version='1.0' xml:lang='en' xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams'>";

    private static XmlElement only(String stanzas) {
        Feeding.Outcome o = Feeding.decode(HEADER + stanzas);
        assertThat(o.refused()).as("refused with %s", o.condition()).isFalse();
        assertThat(o.events()).hasSize(2);
        return ((StreamElement) o.events().get(1)).element();
    }

    @Test
    void streamHeaderOfRfc6120Section4_7HasDeclarationAttributesAndContentNamespace() {
        Feeding.Outcome o = Feeding.decode(HEADER + "</stream:stream>");
        assertThat(o.refused()).isFalse();
        assertThat(o.events()).hasSize(2);
        StreamOpen open = (StreamOpen) o.events().get(0);
        assertThat(open.declaration()).isEqualTo(new XmlDeclaration("1.0", null, null));
        assertThat(open.prefix()).isEqualTo("stream");
        assertThat(open.contentNamespace()).isEqualTo("jabber:client");
        assertThat(open.from()).isEqualTo("juliet@im.example.com");
        assertThat(open.to()).isEqualTo("im.example.com");
        assertThat(open.version()).isEqualTo("1.0");
        assertThat(open.lang()).isEqualTo("en");
        assertThat(open.attributes()).hasSize(4);
        assertThat(open.namespaces()).isEqualTo(java.util.Map.of("", "jabber:client",
                "stream", "http://etherx.jabber.org/streams"));
        assertThat(o.events().get(1)).isEqualTo(new StreamClose());
    }

    @Test
    void headerWithoutDeclarationAndWithEncodingUtf8InAnyCase() {
        Feeding.Outcome o = Feeding.decode("<stream:stream xmlns='jabber:server'"
                + " xmlns:stream='http://etherx.jabber.org/streams'>");
        assertThat(((StreamOpen) o.events().get(0)).declaration()).isNull();
        o = Feeding.decode("<?xml version=\"1.0\" encoding=\"utf-8\" standalone='yes' ?>\n<stream:stream"
                + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
        assertThat(((StreamOpen) o.events().get(0)).declaration())
                .isEqualTo(new XmlDeclaration("1.0", "utf-8", "yes"));
    }

    @Test
    void prefixFreeCanonicalizationOfRfc6120Section4_8_2() {
        Feeding.Outcome o = Feeding.decode("<stream to='im.example.com' version='1.0'"
                + " xmlns='http://etherx.jabber.org/streams'><message xmlns='jabber:client'><body>foo</body>"
                + "</message></stream>");
        assertThat(o.refused()).isFalse();
        StreamOpen open = (StreamOpen) o.events().get(0);
        assertThat(open.prefix()).isEmpty();
        XmlElement m = ((StreamElement) o.events().get(1)).element();
        assertThat(m).isEqualTo(new XmlElement("jabber:client", "message", List.of(),
                List.of(new XmlElement("jabber:client", "body", List.of(), List.of(new XmlText("foo"))))));
        assertThat(o.events().get(2)).isEqualTo(new StreamClose());
    }

    @Test
    void messageInheritsContentNamespaceAndKeepsWhitespaceInside() {
        XmlElement m = only("\n  <message to='romeo@example.net' type='chat'>\n <body>Art thou not Romeo?</body></message>");
        assertThat(m.namespace()).isEqualTo("jabber:client");
        assertThat(m.attributes()).containsExactly(new XmlAttribute("", "to", "romeo@example.net"),
                new XmlAttribute("", "type", "chat"));
        assertThat(m.children()).hasSize(2);
        assertThat(m.children().get(0)).isEqualTo(new XmlText("\n "));
        assertThat(m.child("body").text()).isEqualTo("Art thou not Romeo?");
    }

    @Test
    void predefinedEntitiesCharacterReferencesAndCdataMergeIntoOneTextNode() {
        XmlElement m = only("<message><body>a&lt;b&gt;c&amp;d&apos;e&quot;f&#65;&#x42;&#x1F600;<![CDATA[<x>&amp;]]]>g</body></message>");
        assertThat(m.child("body").children()).containsExactly(new XmlText("a<b>c&d'e\"fAB\uD83D\uDE00<x>&amp;]g"));
    }

    @Test
    void multiByteUtf8InTextNamesAndAttributes() {
        XmlElement m = only("<message><body xml:lang='ru'>Привет, 世界 😀</body><ñame attr='é'/></message>");
        assertThat(m.child("body").text()).isEqualTo("Привет, 世界 😀");
        assertThat(m.child("body").attribute(XmlNamespaces.XML, "lang")).isEqualTo("ru");
        assertThat(m.child("ñame").attribute("attr")).isEqualTo("é");
    }

    @Test
    void lineEndsAreNormalizedInTextAndWhitespaceInAttributes() {
        // XML 1.0 §2.11 and §3.3.3: CR LF -> LF in text; CR LF, CR, LF, TAB -> one space each in attributes;
        // character references are kept as written.
        XmlElement m = only("<message a='x\r\ny\rz\tw&#10;&#13;'><body>1\r\n2\r3\n4</body></message>");
        assertThat(m.attribute("a")).isEqualTo("x y z w\n\r");
        assertThat(m.child("body").text()).isEqualTo("1\n2\n3\n4");
    }

    @Test
    void crLfAcrossCdataBoundaryAndBracketsInText() {
        XmlElement m = only("<message><body>]] ]&gt; <![CDATA[]]]]><![CDATA[>]]></body></message>");
        assertThat(m.child("body").text()).isEqualTo("]] ]> ]]>");
    }

    @Test
    void prefixedNamespacesDefaultUndeclarationAndNamespacedAttributes() {
        XmlElement m = only("<message xmlns:e='urn:example:e'><e:x e:a='1' a='2'><y xmlns=''/>"
                + "<e:z xmlns:e='urn:other'/></e:x></message>");
        XmlElement x = m.child("urn:example:e", "x");
        assertThat(x.attributes()).containsExactly(new XmlAttribute("urn:example:e", "a", "1"),
                new XmlAttribute("", "a", "2"));
        assertThat(x.child("", "y")).isNotNull();
        assertThat(x.child("urn:other", "z")).isNotNull();
    }

    @Test
    void prefixesDeclaredOnTheHeaderAreReportedAndStayInScope() {
        Feeding.Outcome o = Feeding.decode("<stream:stream xmlns='jabber:server' xmlns:db='jabber:server:dialback'"
                + " xmlns:stream='http://etherx.jabber.org/streams'><db:result from='a' to='b'>key</db:result>");
        assertThat(((StreamOpen) o.events().get(0)).namespaces()).containsEntry("db", "jabber:server:dialback");
        XmlElement r = ((StreamElement) o.events().get(1)).element();
        assertThat(r.namespace()).isEqualTo("jabber:server:dialback");
        assertThat(r.localName()).isEqualTo("result");
    }

    @Test
    void whitespaceKeepalivesBetweenStanzasAreNotEvents() {
        Feeding.Outcome o = Feeding.decode(HEADER + " \n\t <presence/> \r\n <presence/>  </stream:stream>  ");
        assertThat(o.refused()).isFalse();
        assertThat(o.events()).hasSize(4);
        assertThat(o.events().get(1)).isEqualTo(new StreamElement(
                new XmlElement("jabber:client", "presence", List.of(), List.of())));
    }

    @Test
    void eventIsReturnedAsSoonAsItsLastByteArrivesAndConsumedIsExact() {
        XmppStreamDecoder d = new XmppStreamDecoder();
        byte[] in = (HEADER + "<presence/><presence/>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var r1 = d.decode(in, 0, in.length);
        assertThat(r1).isInstanceOf(dev.sotto.codecs.DecodeResult.Ok.class);
        int c1 = ((dev.sotto.codecs.DecodeResult.Ok<StreamEvent>) r1).consumed();
        assertThat(c1).isEqualTo(HEADER.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        var r2 = (dev.sotto.codecs.DecodeResult.Ok<StreamEvent>) d.decode(in, c1, in.length - c1);
        assertThat(r2.consumed()).isEqualTo("<presence/>".length());
        assertThat(d.position()).isEqualTo(c1 + "<presence/>".length());
    }

    @Test
    void resetStartsANewStreamWithItsOwnDeclaration() {
        XmppStreamDecoder d = new XmppStreamDecoder();
        byte[] h = HEADER.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(d.decode(h, 0, h.length)).isInstanceOf(dev.sotto.codecs.DecodeResult.Ok.class);
        d.reset();
        var again = d.decode(h, 0, h.length);
        assertThat(again).isInstanceOf(dev.sotto.codecs.DecodeResult.Ok.class);
    }

    /**
     * The decoder's per-element scratch space starts small and grows: 40 attributes (and namespace declarations
     * among them), 30 levels of nesting and 12 children of one element must come out exactly as written, and a
     * second stanza after them must not inherit anything from the first.
     */
    @Test
    void manyAttributesDeepNestingAndManyChildrenDecodeExactly() {
        StringBuilder xml = new StringBuilder("<message");
        List<XmlAttribute> attrs = new java.util.ArrayList<>();
        for (int k = 0; k < 40; k++) {
            xml.append(" a").append(k).append("='v").append(k).append('\'');
            attrs.add(new XmlAttribute("", "a" + k, "v" + k));
            if (k % 10 == 0) {
                xml.append(" xmlns:p").append(k).append("='urn:example:").append(k).append('\'');
            }
        }
        xml.append(" p10:q='x'>");
        attrs.add(new XmlAttribute("urn:example:10", "q", "x"));
        for (int d = 0; d < 30; d++) {
            xml.append("<n xmlns='urn:example:deep'>");
        }
        xml.append("core");
        for (int d = 0; d < 30; d++) {
            xml.append("</n>");
        }
        for (int c = 0; c < 12; c++) {
            xml.append("<c>").append(c).append("</c>");
        }
        xml.append("</message><message><body>second</body></message>");

        XmlElement inner = new XmlElement("urn:example:deep", "n", List.of(), List.of(new XmlText("core")));
        for (int d = 1; d < 30; d++) {
            inner = new XmlElement("urn:example:deep", "n", List.of(), List.of(inner));
        }
        List<dev.sotto.codecs.xml.XmlNode> children = new java.util.ArrayList<>();
        children.add(inner);
        for (int c = 0; c < 12; c++) {
            children.add(new XmlElement("jabber:client", "c", List.of(), List.of(new XmlText(String.valueOf(c)))));
        }
        Feeding.Outcome o = Feeding.decode(HEADER + xml);
        assertThat(o.refused()).as("refused with %s", o.condition()).isFalse();
        assertThat(o.events()).hasSize(3);
        assertThat(((StreamElement) o.events().get(1)).element())
                .isEqualTo(new XmlElement("jabber:client", "message", attrs, children));
        assertThat(((StreamElement) o.events().get(2)).element()).isEqualTo(new XmlElement("jabber:client",
                "message", List.of(), List.of(new XmlElement("jabber:client", "body", List.of(),
                        List.of(new XmlText("second"))))));
    }

    @Test
    void xmlDeclarationVersionAndEncodingNamesOfXml10Section2_8And4_3_3() {
        for (String decl : new String[] {"<?xml version='1.1'?>", "<?xml version='1.10'?>",
            "<?xml version='1.0' encoding='UTF-8'?>", "<?xml version='1.0' encoding='Utf-8'?>"}) {
            Feeding.Outcome o = Feeding.decode(decl + "<stream:stream xmlns='jabber:client'"
                    + " xmlns:stream='http://etherx.jabber.org/streams'>");
            assertThat(o.refused()).as(decl).isFalse();
        }
    }

    @Test
    void lineEndsInTextAreNormalizedWhateverTheSplit() {
        // XML 1.0 §2.11: CR LF and a lone CR become LF; LF and TAB stay.
        XmlElement e = only("<message><body>a\r\nb\rc\n\td\r\n\r\ne\r</body></message>");
        assertThat(e.child("body").text()).isEqualTo("a\nb\nc\n\td\n\ne\n");
    }

    @Test
    void attributeValuesMayHoldTheOtherQuote() {
        XmlElement e = only("<message a=\"it's\" b='say \"hi\"' c='x'/>");
        assertThat(e.attribute("a")).isEqualTo("it's");
        assertThat(e.attribute("b")).isEqualTo("say \"hi\"");
        assertThat(e.attribute("c")).isEqualTo("x");
    }

    @Test
    void longNamesAndNamespacesThatDifferOnlyInTheMiddleStayApart() {
        Feeding.Outcome o = Feeding.decode(HEADER + "<aaaaaaaaXbbbbbbbb xmlns='urn:x:aaaaaaaaXbbbbbbbb'/>"
                + "<aaaaaaaaYbbbbbbbb xmlns='urn:x:aaaaaaaaYbbbbbbbb'/>");
        assertThat(o.refused()).isFalse();
        XmlElement x = ((StreamElement) o.events().get(1)).element();
        XmlElement y = ((StreamElement) o.events().get(2)).element();
        assertThat(x.localName()).isEqualTo("aaaaaaaaXbbbbbbbb");
        assertThat(x.namespace()).isEqualTo("urn:x:aaaaaaaaXbbbbbbbb");
        assertThat(y.localName()).isEqualTo("aaaaaaaaYbbbbbbbb");
        assertThat(y.namespace()).isEqualTo("urn:x:aaaaaaaaYbbbbbbbb");
    }

    @Test
    void repeatedIndentationDecodesToEqualText() {
        String stanza = "<message>\n  <body>hi</body>\n  <thread>t</thread>\n</message>";
        Feeding.Outcome o = Feeding.decode(HEADER + stanza + "\n" + stanza);
        XmlElement a = ((StreamElement) o.events().get(1)).element();
        XmlElement b = ((StreamElement) o.events().get(2)).element();
        assertThat(a).isEqualTo(b);
        assertThat(a.children()).hasSize(5);
        assertThat(a.children().get(0)).isEqualTo(new XmlText("\n  "));
        assertThat(a.children().get(4)).isEqualTo(new XmlText("\n"));
    }

    @Test
    void aDecoderHandedFromThreadToThreadMidElementDecodesTheSame() throws Exception {
        // Name tables are per thread: a decoder fed on one thread, then another, must not depend on either's.
        String input = HEADER + "<message xmlns='urn:x:aaaaaaaaXbbbbbbbb' to='a@b'><body>\n  hi</body></message>"
                + "<presence><x:show xmlns:x='urn:example:unusual'>away</x:show></presence>";
        byte[] bytes = input.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Feeding.Outcome whole = Feeding.decode(bytes);
        XmppStreamDecoder d = new XmppStreamDecoder();
        List<StreamEvent> events = new java.util.ArrayList<>();
        int step = 7;
        for (int at = 0; at < bytes.length; at += step) {
            int from = at;
            int to = Math.min(bytes.length, at + step);
            Thread t = new Thread(() -> {
                int pos = from;
                while (pos < to) {
                    var r = d.decode(bytes, pos, to - pos);
                    if (r instanceof dev.sotto.codecs.DecodeResult.Ok<StreamEvent> ok) {
                        events.add(ok.value());
                        pos += ok.consumed();
                    } else {
                        break;
                    }
                }
            });
            t.start();
            t.join();
        }
        assertThat(d.failed()).isFalse();
        assertThat(events).isEqualTo(whole.events());
        assertThat(events).hasSize(3);
    }
}
