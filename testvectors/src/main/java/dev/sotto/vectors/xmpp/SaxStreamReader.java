package dev.sotto.vectors.xmpp;

import dev.sotto.codecs.xml.XmlAttribute;
import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.codecs.xml.XmlNode;
import dev.sotto.codecs.xml.XmlText;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The reference for the differential test: the JDK's SAX parser (namespace-aware, DTDs refused, no external
 * entities) reads a whole, closed XMPP stream into the same tree model the Sotto decoder produces. Adjacent
 * character events are merged; whitespace directly inside the stream element is dropped (RFC 6120 §11.7).
 */
public final class SaxStreamReader {

    /** The stream header's attributes and the first-level elements, as SAX reports them. */
    public record SaxStream(List<XmlAttribute> headerAttributes, List<XmlElement> elements) {}

    private SaxStreamReader() {}

    public static SaxStream read(byte[] stream) throws Exception {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        SAXParser parser = f.newSAXParser();
        Builder b = new Builder();
        parser.parse(new ByteArrayInputStream(stream), b);
        return new SaxStream(b.header, b.elements);
    }

    private static final class Builder extends DefaultHandler {
        private final List<XmlElement> elements = new ArrayList<>();
        private List<XmlAttribute> header = List.of();
        private final List<String> ns = new ArrayList<>();
        private final List<String> local = new ArrayList<>();
        private final List<List<XmlAttribute>> attrs = new ArrayList<>();
        private final List<List<XmlNode>> children = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private int depth;

        private static List<XmlAttribute> attributes(Attributes a) {
            List<XmlAttribute> out = new ArrayList<>();
            for (int i = 0; i < a.getLength(); i++) {
                out.add(new XmlAttribute(a.getURI(i), a.getLocalName(i), a.getValue(i)));
            }
            return out;
        }

        private void flush() {
            if (text.length() > 0) {
                if (depth >= 2) {
                    children.get(children.size() - 1).add(new XmlText(text.toString()));
                }
                text.setLength(0);
            }
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) {
            flush();
            if (depth == 0) {
                header = attributes(a);
            } else {
                ns.add(uri);
                local.add(localName);
                attrs.add(attributes(a));
                children.add(new ArrayList<>());
            }
            depth++;
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            flush();
            depth--;
            if (depth == 0) {
                return;
            }
            int top = ns.size() - 1;
            XmlElement e = new XmlElement(ns.remove(top), local.remove(top), attrs.remove(top), children.remove(top));
            if (depth == 1) {
                elements.add(e);
            } else {
                children.get(children.size() - 1).add(e);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }
    }
}
