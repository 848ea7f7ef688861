package dev.sotto.codecs.xmpp;

import dev.sotto.codecs.xml.XmlAttribute;
import dev.sotto.codecs.xml.XmlDeclaration;
import dev.sotto.codecs.xml.XmlNamespaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stream header {@code <stream:stream ...>} (RFC 6120 §4.7).
 *
 * @param declaration the XML declaration before it, or {@code null} (RFC 6120 §11.5)
 * @param prefix the prefix of the stream element: {@code stream}, or {@code ""} with prefix-free
 *     canonicalization (RFC 6120 §4.8.2)
 * @param contentNamespace the default namespace in scope for first-level elements ({@code jabber:client},
 *     {@code jabber:server}, the stream namespace itself when prefix-free, or {@code ""} when none)
 * @param attributes the header's attributes in order (namespace declarations excluded)
 * @param namespaces the namespace declarations on the header, prefix ({@code ""} for the default namespace)
 *     to namespace name; they stay in scope for the whole stream (e.g. {@code db} for dialback)
 */
public record StreamOpen(XmlDeclaration declaration, String prefix, String contentNamespace,
        List<XmlAttribute> attributes, Map<String, String> namespaces) implements StreamEvent {

    public StreamOpen {
        attributes = List.copyOf(attributes);
        namespaces = Map.copyOf(namespaces);
    }

    /**
     * A client's initial stream header (RFC 6120 §4.7.1-§4.7.5) with an XML declaration, version 1.0 and
     * {@code jabber:client} as content namespace.
     *
     * @param from the account's bare JID or {@code null} (sent only over TLS: RFC 6120 §4.7.1)
     * @param to the server's domain
     * @param lang the default language or {@code null}
     */
    public static StreamOpen client(String from, String to, String lang) {
        List<XmlAttribute> a = new ArrayList<>();
        if (from != null) {
            a.add(new XmlAttribute("", "from", from));
        }
        a.add(new XmlAttribute("", "to", to));
        a.add(new XmlAttribute("", "version", "1.0"));
        if (lang != null) {
            a.add(new XmlAttribute(XmlNamespaces.XML, "lang", lang));
        }
        return new StreamOpen(new XmlDeclaration("1.0", null, null), "stream", XmlNamespaces.JABBER_CLIENT, a,
                Map.of("", XmlNamespaces.JABBER_CLIENT, "stream", XmlNamespaces.STREAMS));
    }

    /** The value of the unqualified attribute {@code name}, or {@code null}. */
    public String attribute(String name) {
        for (XmlAttribute a : attributes) {
            if (a.namespace().isEmpty() && a.localName().equals(name)) {
                return a.value();
            }
        }
        return null;
    }

    /** RFC 6120 §4.7.1 'from'. */
    public String from() {
        return attribute("from");
    }

    /** RFC 6120 §4.7.2 'to'. */
    public String to() {
        return attribute("to");
    }

    /** RFC 6120 §4.7.3 'id'. */
    public String id() {
        return attribute("id");
    }

    /** RFC 6120 §4.7.5 'version'. */
    public String version() {
        return attribute("version");
    }

    /** RFC 6120 §4.7.4 'xml:lang'. */
    public String lang() {
        for (XmlAttribute a : attributes) {
            if (a.namespace().equals(XmlNamespaces.XML) && a.localName().equals("lang")) {
                return a.value();
            }
        }
        return null;
    }
}
