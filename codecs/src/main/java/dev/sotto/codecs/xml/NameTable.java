package dev.sotto.codecs.xml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small, bounded cache from the UTF-8 bytes of a name to its checked {@link XmlName}. A fixed number of slots
 * that are overwritten on collision: a hostile peer sending many distinct names cannot grow it. Each name is
 * validated once, when it enters the cache (XML 1.0 §2.3 Name, XML-Names §4 QName).
 */
final class NameTable {
    private static final int SLOTS = 512;

    private final byte[][] keys = new byte[SLOTS][];
    private final XmlName[] names = new XmlName[SLOTS];

    /** The name for {@code buf[off..off+len)} (valid UTF-8), or {@code null} when it is not a valid QName. */
    XmlName lookup(byte[] buf, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = off; i < off + len; i++) {
            h = (h ^ buf[i]) * 0x01000193;
        }
        int slot = (h ^ (h >>> 15)) & (SLOTS - 1);
        byte[] k = keys[slot];
        if (k != null && k.length == len && Arrays.equals(k, 0, len, buf, off, off + len)) {
            return names[slot];
        }
        String qname = new String(buf, off, len, StandardCharsets.UTF_8);
        XmlName name = parse(qname);
        if (name != null) {
            keys[slot] = Arrays.copyOfRange(buf, off, off + len);
            names[slot] = name;
        }
        return name;
    }

    /** Parses and checks a QName: NCName (':' NCName)?. */
    static XmlName parse(String qname) {
        int colon = qname.indexOf(':');
        if (colon < 0) {
            return isNcName(qname) ? new XmlName(qname, "", qname) : null;
        }
        String prefix = qname.substring(0, colon);
        String local = qname.substring(colon + 1);
        if (!isNcName(prefix) || !isNcName(local)) {
            return null;
        }
        return new XmlName(qname, prefix, local);
    }

    /** XML-Names §3 NCName: a Name without colons. */
    static boolean isNcName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == ':' || !(i == 0 ? isNameStartChar(cp) : isNameChar(cp))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** XML 1.0 (5th ed.) §2.3 NameStartChar. */
    static boolean isNameStartChar(int c) {
        return c == ':' || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z')
                || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
                || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
                || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
                || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
    }

    /** XML 1.0 (5th ed.) §2.3 NameChar. */
    static boolean isNameChar(int c) {
        return isNameStartChar(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7
                || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
    }
}
