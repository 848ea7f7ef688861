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

    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = FACTORY.createAsyncForByteArray();
    private final List<Frame> stack = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int depth;
    private boolean ended;

    /** Decodes a whole stream fed in chunks; returns its first-level elements. */
    static List<XmlElement> decode(byte[] stream, int chunk) throws XMLStreamException {
        AaltoStreamReader r = new AaltoStreamReader();
        List<XmlElement> out = new ArrayList<>();
        for (int at = 0; at < stream.length; at += chunk) {
            r.feed(stream, at, Math.min(chunk, stream.length - at), out);
        }
        r.reader.getInputFeeder().endOfInput();
        r.drain(out);
        r.reader.close();
        return out;
    }

    /** Feeds one chunk and adds every first-level element it completes to {@code out}. */
    void feed(byte[] buf, int off, int len, List<XmlElement> out) throws XMLStreamException {
        reader.getInputFeeder().feedInput(buf, off, len);
        drain(out);
    }

    private void drain(List<XmlElement> out) throws XMLStreamException {
        AsyncXMLStreamReader<AsyncByteArrayFeeder> r = reader;
        while (!ended) {
            int ev = r.next();
            switch (ev) {
                case AsyncXMLStreamReader.EVENT_INCOMPLETE -> {
                    return;
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    flush();
                    depth++;
                    if (depth >= 2) {
                        int n = r.getAttributeCount();
                        List<XmlAttribute> attrs = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            String ns = r.getAttributeNamespace(i);
                            attrs.add(new XmlAttribute(ns == null ? "" : ns, r.getAttributeLocalName(i),
                                    r.getAttributeValue(i)));
                        }
                        String ns = r.getNamespaceURI();
                        stack.add(new Frame(ns == null ? "" : ns, r.getLocalName(), attrs));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    flush();
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
                case XMLStreamConstants.END_DOCUMENT -> ended = true;
                default -> { }
            }
        }
    }

    private void flush() {
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
