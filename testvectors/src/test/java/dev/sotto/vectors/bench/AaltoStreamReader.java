package dev.sotto.vectors.bench;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import dev.sotto.codecs.xml.XmlAttribute;
import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.codecs.xml.XmlNode;
import dev.sotto.codecs.xml.XmlText;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * The benchmark peer: Aalto's non-blocking parser ({@link AsyncXMLStreamReader}) fed the same chunks, building
 * the same trees as Sotto's decoder (first-level elements, namespaces resolved, adjacent text merged).
 */
final class AaltoStreamReader {
    private static final InputFactoryImpl FACTORY = new InputFactoryImpl();

    private AaltoStreamReader() {}

    static List<XmlElement> decode(byte[] stream, int chunk) throws XMLStreamException {
        AsyncXMLStreamReader<AsyncByteArrayFeeder> r = FACTORY.createAsyncForByteArray();
        AsyncByteArrayFeeder feeder = r.getInputFeeder();
        List<XmlElement> out = new ArrayList<>();
        List<Frame> stack = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int depth = 0;
        int at = 0;
        while (true) {
            int ev = r.next();
            if (ev == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                if (at >= stream.length) {
                    feeder.endOfInput();
                    continue;
                }
                int n = Math.min(chunk, stream.length - at);
                feeder.feedInput(stream, at, n);
                at += n;
                continue;
            }
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> {
                    flush(stack, text, depth);
                    depth++;
                    if (depth >= 2) {
                        List<XmlAttribute> attrs = new ArrayList<>(r.getAttributeCount());
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String ns = r.getAttributeNamespace(i);
                            attrs.add(new XmlAttribute(ns == null ? "" : ns, r.getAttributeLocalName(i),
                                    r.getAttributeValue(i)));
                        }
                        String ns = r.getNamespaceURI();
                        stack.add(new Frame(ns == null ? "" : ns, r.getLocalName(), attrs));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    flush(stack, text, depth);
                    if (depth >= 2) {
                        Frame f = stack.remove(stack.size() - 1);
                        XmlElement e = new XmlElement(f.ns, f.local, f.attrs, f.children);
                        if (depth == 2) {
                            out.add(e);
                        } else {
                            stack.get(stack.size() - 1).children.add(e);
                        }
                    }
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth >= 2) {
                        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    }
                }
                case XMLStreamConstants.END_DOCUMENT -> {
                    r.close();
                    return out;
                }
                default -> { }
            }
        }
    }

    private static void flush(List<Frame> stack, StringBuilder text, int depth) {
        if (text.length() > 0) {
            stack.get(stack.size() - 1).children.add(new XmlText(text.toString()));
            text.setLength(0);
        }
    }

    private static final class Frame {
        final String ns;
        final String local;
        final List<XmlAttribute> attrs;
        final List<XmlNode> children = new ArrayList<>();

        Frame(String ns, String local, List<XmlAttribute> attrs) {
            this.ns = ns;
            this.local = local;
            this.attrs = attrs;
        }
    }
}
