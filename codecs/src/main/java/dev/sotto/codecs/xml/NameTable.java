package dev.sotto.codecs.xml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small, bounded cache from the UTF-8 bytes of a name to its checked {@link XmlName}. A fixed number of slots
 * (four probes each, overwritten in turn when all are taken): a hostile peer sending many distinct names cannot grow it. Each name is
 * validated once, when it enters the cache (XML 1.0 §2.3 Name, XML-Names §4 QName).
 */
final class NameTable {
    private static final int SLOTS = 256;

    /**
     * Names every XMPP stream uses (RFC 6120, RFC 6121, common XEPs), checked once per JVM. Filled during class
     * initialization and only read afterwards, so decoders on any thread may consult it.
     */
    private static final NameTable COMMON = new NameTable();

    static {
        String[] common = {"stream:stream", "stream:features", "stream:error", "stream", "message", "presence",
            "iq", "body", "subject", "thread", "show", "status", "priority", "error", "text", "query", "item",
            "group", "bind", "resource", "jid", "session", "starttls", "required", "proceed", "failure",
            "mechanisms", "mechanism", "auth", "challenge", "response", "success", "abort", "c", "x", "identity",
            "feature", "field", "value", "ping", "enable", "enabled", "a", "r", "active", "composing", "paused",
            "request", "received", "forwarded", "sent", "delay", "store", "no-store", "no-copy", "encryption",
            "photo", "id", "to", "from", "type", "xml:lang", "version", "xmlns", "xmlns:stream", "name",
            "subscription", "ask", "ver", "node", "hash", "var", "category", "h", "resume", "stamp", "code",
            "by", "action", "namespace"};
        for (String n : common) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            COMMON.lookup(b, 0, b.length);
        }
    }
    private static final int PROBES = 4;

    private final byte[][] keys = new byte[SLOTS][];
    private final int[] hashes = new int[SLOTS];
    private final XmlName[] names = new XmlName[SLOTS];
    private int victim;

    /** The name for {@code buf[off..off+len)} (valid UTF-8), or {@code null} when it is not a valid QName. */
    XmlName lookup(byte[] buf, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = off; i < off + len; i++) {
            h = (h ^ buf[i]) * 0x01000193;
        }
        int home = (h ^ (h >>> 16)) & (SLOTS - 1);
        if (this != COMMON) {
            // The shared table first: most names are common ones, used from there as is (no copy in this one).
            XmlName common = COMMON.find(buf, off, len, h, home);
            if (common != null) {
                return common;
            }
        }
        for (int p = 0; p < PROBES; p++) {
            int slot = (home + p) & (SLOTS - 1);
            byte[] k = keys[slot];
            if (k == null) {
                break;
            }
            if (hashes[slot] == h && k.length == len && same(k, buf, off, len)) {
                return names[slot];
            }
        }
        XmlName name = parse(new String(buf, off, len, StandardCharsets.UTF_8));
        if (name != null) {
            // An empty slot among the probes, else a rotating victim: the table never grows.
            int slot = -1;
            for (int p = 0; p < PROBES && slot < 0; p++) {
                int s = (home + p) & (SLOTS - 1);
                if (keys[s] == null) {
                    slot = s;
                }
            }
            if (slot < 0) {
                slot = (home + (victim++ & (PROBES - 1))) & (SLOTS - 1);
            }
            keys[slot] = Arrays.copyOfRange(buf, off, off + len);
            hashes[slot] = h;
            names[slot] = name;
        }
        return name;
    }

    /** A read-only probe (for {@link #COMMON}, shared between threads). */
    private XmlName find(byte[] buf, int off, int len, int h, int home) {
        for (int p = 0; p < PROBES; p++) {
            int slot = (home + p) & (SLOTS - 1);
            byte[] k = keys[slot];
            if (k == null) {
                return null;
            }
            if (hashes[slot] == h && k.length == len && same(k, buf, off, len)) {
                return names[slot];
            }
        }
        return null;
    }

    private static boolean same(byte[] k, byte[] buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (k[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
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
