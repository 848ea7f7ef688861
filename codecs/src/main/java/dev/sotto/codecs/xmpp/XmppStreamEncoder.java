package dev.sotto.codecs.xmpp;

import dev.sotto.codecs.xml.XmlAttribute;
import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.codecs.xml.XmlNamespaces;
import dev.sotto.codecs.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes stream events as UTF-8 bytes (RFC 6120 §4.7, §11.6). First-level elements are written with the
 * stream's content namespace as the default namespace in scope, so a {@code jabber:client} stanza carries no
 * namespace declaration (RFC 6120 §4.8.5) and other namespaces are declared only where they change.
 */
public final class XmppStreamEncoder {
    /** An NCName-like prefix (XML-Names §3), compiled once rather than per declaration. */
    private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private String contentNamespace = XmlNamespaces.JABBER_CLIENT;
    private String prefix = "stream";

    /** The header, opening a new stream whose content namespace and prefix the following calls use. */
    public byte[] encode(StreamEvent event) {
        StringBuilder sb = new StringBuilder(256);
        XmlWriter w = new XmlWriter(sb);
        if (event instanceof StreamOpen open) {
            open(open, sb, w);
        } else if (event instanceof StreamElement element) {
            w.element(element.element(), contentNamespace);
        } else if (event instanceof StreamClose) {
            sb.append("</").append(qualified()).append('>');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A first-level element. */
    public byte[] encode(XmlElement element) {
        return encode(new StreamElement(element));
    }

    private void open(StreamOpen open, StringBuilder sb, XmlWriter w) {
        if (!open.prefix().isEmpty() && !open.prefix().equals("stream")) {
            throw new IllegalArgumentException("stream prefix must be 'stream' or empty (RFC 6120 §4.8.5)");
        }
        prefix = open.prefix();
        contentNamespace = prefix.isEmpty() ? XmlNamespaces.STREAMS : open.contentNamespace();
        if (open.declaration() != null) {
            // RFC 6120 §11.5: version only; never a standalone declaration; UTF-8 is the default.
            sb.append("<?xml version='1.0'?>");
        }
        sb.append('<').append(qualified());
        for (XmlAttribute a : open.attributes()) {
            sb.append(' ');
            if (a.namespace().equals(XmlNamespaces.XML)) {
                sb.append("xml:");
            } else if (!a.namespace().isEmpty()) {
                throw new IllegalArgumentException("stream header attributes are unqualified or xml:");
            }
            sb.append(a.localName()).append("='");
            w.escapeAttribute(a.value());
            sb.append('\'');
        }
        if (prefix.isEmpty()) {
            sb.append(" xmlns='").append(XmlNamespaces.STREAMS).append('\'');
        } else {
            if (!contentNamespace.isEmpty()) {
                sb.append(" xmlns='");
                w.escapeAttribute(contentNamespace);
                sb.append('\'');
            }
            sb.append(" xmlns:stream='").append(XmlNamespaces.STREAMS).append('\'');
        }
        // Further prefixes (e.g. 'db' for dialback) in a stable order.
        for (Map.Entry<String, String> ns : new TreeMap<>(open.namespaces()).entrySet()) {
            String p = ns.getKey();
            if (p.isEmpty() || p.equals("stream") || p.equals("xml")) {
                continue;
            }
            if (!PREFIX.matcher(p).matches() || ns.getValue().isEmpty()) {
                throw new IllegalArgumentException("bad namespace declaration on the stream header");
            }
            sb.append(" xmlns:").append(p).append("='");
            w.escapeAttribute(ns.getValue());
            sb.append('\'');
        }
        sb.append('>');
    }

    private String qualified() {
        return prefix.isEmpty() ? "stream" : prefix + ":stream";
    }
}
