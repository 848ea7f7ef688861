package dev.sotto.codecs.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * Serializes element trees as namespace-well-formed XML that the XMPP profile accepts (RFC 6120 §11.1: no
 * comments, PIs, DTDs or entity references other than the predefined five and character references).
 *
 * <p>Elements always use the default namespace, declared only where it changes. Attributes in a namespace other
 * than {@code xml:} get a generated prefix declared on the element that needs it, unless an ancestor already
 * declared one. Text escapes {@code & < >} and CR (so that XML 1.0 §2.11 line-end normalization gives it back);
 * attribute values also escape the apostrophe, TAB, LF and CR (so that §3.3.3 normalization gives them back).
 * A character XML cannot carry (XML 1.0 §2.2: C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF, a lone
 * surrogate) is refused with {@link IllegalArgumentException}: it is never silently dropped.
 */
public final class XmlWriter {
    private final StringBuilder out;
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> uris = new ArrayList<>();
    private int generated;

    public XmlWriter(StringBuilder out) {
        this.out = out;
    }

    /**
     * Writes {@code e}, assuming {@code inheritedDefaultNamespace} is the default namespace in scope
     * ({@code ""} for none).
     */
    public void element(XmlElement e, String inheritedDefaultNamespace) {
        checkName(e.localName());
        out.append('<').append(e.localName());
        int mark = prefixes.size();
        if (!e.namespace().equals(inheritedDefaultNamespace)) {
            checkNamespace(e.namespace());
            out.append(" xmlns='");
            escapeAttribute(e.namespace());
            out.append('\'');
        }
        for (XmlAttribute a : e.attributes()) {
            checkName(a.localName());
            out.append(' ');
            if (!a.namespace().isEmpty()) {
                out.append(prefixFor(a.namespace())).append(':');
            }
            out.append(a.localName()).append("='");
            escapeAttribute(a.value());
            out.append('\'');
        }
        if (e.children().isEmpty()) {
            out.append("/>");
        } else {
            out.append('>');
            XmlNode previous = null;
            for (XmlNode n : e.children()) {
                if (n instanceof XmlElement c) {
                    element(c, e.namespace());
                } else if (n instanceof XmlText t) {
                    if (previous instanceof XmlText) {
                        throw new IllegalArgumentException("adjacent text nodes");
                    }
                    escapeText(t.text());
                }
                previous = n;
            }
            out.append("</").append(e.localName()).append('>');
        }
        while (prefixes.size() > mark) {
            prefixes.remove(prefixes.size() - 1);
            uris.remove(uris.size() - 1);
        }
    }

    private String prefixFor(String ns) {
        if (ns.equals(XmlNamespaces.XML)) {
            return "xml";
        }
        checkNamespace(ns);
        for (int k = uris.size() - 1; k >= 0; k--) {
            if (uris.get(k).equals(ns)) {
                return prefixes.get(k);
            }
        }
        // Generated prefixes are unique within one write, so an inner declaration never shadows an outer one.
        String p = "ns" + generated++;
        prefixes.add(p);
        uris.add(ns);
        out.append("xmlns:").append(p).append("='");
        escapeAttribute(ns);
        out.append("' ");
        return p;
    }

    private static void checkNamespace(String ns) {
        if (ns.equals(XmlNamespaces.XMLNS) || ns.equals(XmlNamespaces.XML)) {
            throw new IllegalArgumentException("reserved namespace name");
        }
    }

    private static void checkName(String local) {
        if (!NameTable.isNcName(local)) {
            throw new IllegalArgumentException("not an NCName");
        }
    }

    /** Character data; see the class comment. */
    public void escapeText(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#xD;");
                default -> i = plain(s, i, c);
            }
        }
    }

    /** An attribute value between single quotes; see the class comment. */
    public void escapeAttribute(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&apos;");
                case '\t' -> out.append("&#x9;");
                case '\n' -> out.append("&#xA;");
                case '\r' -> out.append("&#xD;");
                default -> i = plain(s, i, c);
            }
        }
    }

    private int plain(String s, int i, char c) {
        if (c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || (c >= 0xE000 && c <= 0xFFFD)) {
            out.append(c);
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(i + 1));
            return i + 1;
        }
        throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " cannot be carried by XML");
    }
}
