package dev.sotto.codecs.xml;

import java.util.List;

/**
 * An immutable element after namespace processing: expanded name, attributes in document order (namespace
 * declarations excluded), children in document order. Two adjacent {@link XmlText} children never occur: the
 * decoder merges character data between tags, and builders must do the same for trees to compare equal.
 * {@code toString()} prints names only, never text or attribute values (DESIGN.md, Secrets).
 *
 * @param namespace the namespace name, {@code ""} for none
 * @param localName the local part
 * @param attributes attributes in document order
 * @param children child elements and text in document order
 */
public record XmlElement(String namespace, String localName, List<XmlAttribute> attributes,
        List<XmlNode> children) implements XmlNode {

    public XmlElement {
        if (namespace == null || localName == null) {
            throw new IllegalArgumentException("null name part");
        }
        attributes = List.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The value of the attribute {@code localName} in no namespace, or {@code null}. */
    public String attribute(String localName) {
        return attribute("", localName);
    }

    /** The value of the attribute with this expanded name, or {@code null}. */
    public String attribute(String namespace, String localName) {
        for (XmlAttribute a : attributes) {
            if (a.localName().equals(localName) && a.namespace().equals(namespace)) {
                return a.value();
            }
        }
        return null;
    }

    /** The first child element with this expanded name, or {@code null}. */
    public XmlElement child(String namespace, String localName) {
        for (XmlNode n : children) {
            if (n instanceof XmlElement e && e.localName.equals(localName) && e.namespace.equals(namespace)) {
                return e;
            }
        }
        return null;
    }

    /** The first child element named {@code localName} in this element's own namespace, or {@code null}. */
    public XmlElement child(String localName) {
        return child(namespace, localName);
    }

    /** The concatenated character data of the direct text children ({@code ""} when none). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (XmlNode n : children) {
            if (n instanceof XmlText t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<");
        if (!namespace.isEmpty()) {
            sb.append('{').append(namespace).append('}');
        }
        sb.append(localName);
        for (XmlAttribute a : attributes) {
            sb.append(' ').append(a);
        }
        sb.append(" children=").append(children.size()).append('>');
        return sb.toString();
    }
}
