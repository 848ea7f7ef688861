package dev.sotto.codecs.xml;

/**
 * An attribute after namespace processing (XML-Names §6.3): an unprefixed attribute has no namespace
 * ({@code ""}). Namespace declarations are not attributes here; they are scope. {@code toString()} leaves the
 * value out.
 *
 * @param namespace the namespace name, {@code ""} for none
 * @param localName the local part
 * @param value the normalized value (XML 1.0 §3.3.3)
 */
public record XmlAttribute(String namespace, String localName, String value) {

    public XmlAttribute {
        if (namespace == null || localName == null || value == null) {
            throw new IllegalArgumentException("null attribute part");
        }
    }

    @Override
    public String toString() {
        return "XmlAttribute[" + (namespace.isEmpty() ? "" : "{" + namespace + "}") + localName + "]";
    }
}
