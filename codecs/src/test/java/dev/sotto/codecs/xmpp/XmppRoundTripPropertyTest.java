package dev.sotto.codecs.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.xml.XmlAttribute;
import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.codecs.xml.XmlLimits;
import dev.sotto.codecs.xml.XmlNamespaces;
import dev.sotto.codecs.xml.XmlNode;
import dev.sotto.codecs.xml.XmlText;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: for generated element trees, decode(encode(tree)) == tree, whole, byte at a time and at random
 * splits. A seeded loop; the seed is printed in every failure ({@code -Dsotto.test.seed=} replays it).
 */
class XmppRoundTripPropertyTest {
    private static final String[] NAMESPACES = {
        XmlNamespaces.JABBER_CLIENT, XmlNamespaces.JABBER_CLIENT, "urn:xmpp:example", "jabber:iq:roster",
        "http://jabber.org/protocol/disco#info", "", "urn:a'b&c<d"
    };
    private static final String[] NAMES = {"message", "body", "presence", "iq", "query", "item", "x", "ñame",
        "a-b.c_d", "中文", "show", "c"};
    private static final String[] ATTR_NAMESPACES = {"", "", "", XmlNamespaces.XML, "urn:attr:one", "urn:attr:two"};
    private static final String[] FRAGMENTS = {"a", "Hello", " ", "\n", "\r", "\r\n", "\t", "&", "<", ">", "'",
        "\"", "]]>", "]", "Привет", "世界", "😀", "\uD834\uDD1E", "مرحبا", "\u00A0", "\uFEFF", "&amp;", "x y  z"};

    @Test
    void decodeOfEncodeIsIdentityUnderAnyChunking() {
        long seed = Feeding.SEED;
        Random r = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<XmlElement> stanzas = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                stanzas.add(element(r, 1, XmlNamespaces.JABBER_CLIENT));
            }
            StreamOpen open = StreamOpen.client(r.nextBoolean() ? "juliet@im.example.com" : null,
                    "im.example.com", r.nextBoolean() ? "en" : null);
            XmppStreamEncoder encoder = new XmppStreamEncoder();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<StreamEvent> expected = new ArrayList<>();
            expected.add(open);
            out.writeBytes(encoder.encode(open));
            for (XmlElement e : stanzas) {
                out.writeBytes(encoder.encode(e));
                expected.add(new StreamElement(e));
                if (r.nextInt(3) == 0) {
                    out.writeBytes(" \n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
            }
            out.writeBytes(encoder.encode(new StreamClose()));
            expected.add(new StreamClose());

            Feeding.Outcome o = Feeding.decode(out.toByteArray(), XmlLimits.DEFAULTS);
            assertThat(o.condition()).as("seed %d round %d: refused", seed, round).isNull();
            assertThat(o.events()).as("seed %d round %d (-Dsotto.test.seed=%d)", seed, round, seed)
                    .isEqualTo(expected);
        }
    }

    static XmlElement element(Random r, int depth, String parentNamespace) {
        String ns = r.nextInt(3) == 0 ? NAMESPACES[r.nextInt(NAMESPACES.length)] : parentNamespace;
        String local = NAMES[r.nextInt(NAMES.length)];
        List<XmlAttribute> attributes = new ArrayList<>();
        int na = r.nextInt(4);
        for (int k = 0; k < na; k++) {
            String ans = ATTR_NAMESPACES[r.nextInt(ATTR_NAMESPACES.length)];
            String an = ans.equals(XmlNamespaces.XML) ? "lang" : NAMES[r.nextInt(NAMES.length)];
            boolean duplicate = attributes.stream().anyMatch(a -> a.namespace().equals(ans) && a.localName().equals(an));
            if (!duplicate) {
                attributes.add(new XmlAttribute(ans, an, text(r, 0)));
            }
        }
        List<XmlNode> children = new ArrayList<>();
        int nc = depth > 5 ? 0 : r.nextInt(4);
        for (int k = 0; k < nc; k++) {
            boolean lastIsText = !children.isEmpty() && children.get(children.size() - 1) instanceof XmlText;
            if (!lastIsText && r.nextBoolean()) {
                children.add(new XmlText(text(r, 1)));
            } else {
                children.add(element(r, depth + 1, ns));
            }
        }
        return new XmlElement(ns, local, attributes, children);
    }

    static String text(Random r, int min) {
        StringBuilder sb = new StringBuilder();
        int n = min + r.nextInt(5);
        for (int k = 0; k < n; k++) {
            sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        }
        return sb.toString();
    }
}
