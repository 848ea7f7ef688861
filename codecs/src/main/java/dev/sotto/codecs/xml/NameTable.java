package dev.sotto.codecs.xml;

import java.nio.charset.StandardCharsets;

/**
 * Bounded caches from UTF-8 bytes to their checked {@link XmlName} (XML 1.0 §2.3 Name, XML-Names §4 QName) and
 * to namespace names, so the names and namespaces a stream repeats ({@code message}, {@code body},
 * {@code jabber:client}) cost neither a check nor a new String each time. Each table is a {@link BytesTable}: a
 * fixed number of slots, so a hostile peer sending many distinct names cannot grow it. Each name is validated
 * once, when it enters the cache.
 */
final class NameTable {

    /**
     * Names every XMPP stream uses (RFC 6120, RFC 6121, common XEPs), checked once per JVM. Filled during class
     * initialization and only read afterwards, so decoders on any thread may consult it.
     */
    private static final BytesTable COMMON_NAMES = new BytesTable(256);
    /** Namespace names of RFC 6120, RFC 6121 and common XEPs, shared the same way. */
    private static final BytesTable COMMON_NAMESPACES = new BytesTable(64);

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
            long head = BytesTable.head(b, 0, b.length);
            long tail = BytesTable.tail(b, 0, b.length);
            COMMON_NAMES.put(b, 0, b.length, head, tail, BytesTable.home(head, tail, b.length), parse(n));
        }
        String[] namespaces = {XmlNamespaces.JABBER_CLIENT, XmlNamespaces.JABBER_SERVER, XmlNamespaces.STREAMS,
            "urn:ietf:params:xml:ns:xmpp-tls", "urn:ietf:params:xml:ns:xmpp-sasl",
            "urn:ietf:params:xml:ns:xmpp-bind", "urn:ietf:params:xml:ns:xmpp-session",
            "urn:ietf:params:xml:ns:xmpp-stanzas", "urn:ietf:params:xml:ns:xmpp-streams", "jabber:iq:roster",
            "jabber:x:data", "http://jabber.org/protocol/caps", "http://jabber.org/protocol/disco#info",
            "http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/chatstates",
            "http://jabber.org/protocol/muc", "http://jabber.org/protocol/muc#user", "urn:xmpp:ping",
            "urn:xmpp:delay", "urn:xmpp:receipts", "urn:xmpp:sm:3", "urn:xmpp:carbons:2", "urn:xmpp:forward:0",
            "urn:xmpp:hints", "urn:xmpp:sid:0", "vcard-temp", "vcard-temp:x:update"};
        for (String n : namespaces) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            long head = BytesTable.head(b, 0, b.length);
            long tail = BytesTable.tail(b, 0, b.length);
            COMMON_NAMESPACES.put(b, 0, b.length, head, tail, BytesTable.home(head, tail, b.length), n);
        }
    }

    /**
     * One table per thread, shared by the decoders that thread runs (a Netty event loop runs many connections,
     * and a connection restarts its stream after STARTTLS and SASL): a new stream then starts with the names its
     * thread has already seen, as Aalto's factory-wide symbol tables do. The tables are fixed-size, so the
     * memory stays bounded whatever the peers send; a peer can only evict names, which costs a new check. Names
     * and namespace names are not secret; of text, only whitespace is kept.
     */
    private static final ThreadLocal<NameTable> PER_THREAD = ThreadLocal.withInitial(NameTable::new);

    /** The calling thread's table. Use it on this thread only. */
    static NameTable forCurrentThread() {
        return PER_THREAD.get();
    }

    private final BytesTable names = new BytesTable(128);
    private final BytesTable namespaces = new BytesTable(32);
    private final BytesTable blanks = new BytesTable(16);

    /** The name for {@code buf[off..off+len)} (valid UTF-8), or {@code null} when it is not a valid QName. */
    XmlName lookup(byte[] buf, int off, int len) {
        long head = BytesTable.head(buf, off, len);
        long tail = BytesTable.tail(buf, off, len);
        int home = BytesTable.home(head, tail, len);
        // The shared table first: most names are common ones, used from there as is (no copy in this one).
        Object n = COMMON_NAMES.find(buf, off, len, head, tail, home);
        if (n == null) {
            n = names.find(buf, off, len, head, tail, home);
        }
        if (n != null) {
            return (XmlName) n;
        }
        XmlName name = len == 0 ? null : parse(new String(buf, off, len, StandardCharsets.UTF_8));
        if (name != null) {
            names.put(buf, off, len, head, tail, home, name);
        }
        return name;
    }

    /**
     * The namespace name (the value of an {@code xmlns} attribute, already normalized) in
     * {@code buf[off..off+len)}, valid UTF-8: the same String each time it repeats, while it stays cached.
     */
    String namespace(byte[] buf, int off, int len) {
        if (len == 0) {
            return "";
        }
        return cached(COMMON_NAMESPACES, namespaces, buf, off, len);
    }

    /**
     * The whitespace-only text in {@code buf[off..off+len)}: the same String each time it repeats, as the
     * indentation of pretty-printed stanzas does. Only whitespace is kept here, never other text: it may be a
     * message (DESIGN.md, Secrets).
     */
    String blank(byte[] buf, int off, int len) {
        return cached(null, blanks, buf, off, len);
    }

    private static String cached(BytesTable shared, BytesTable local, byte[] buf, int off, int len) {
        long head = BytesTable.head(buf, off, len);
        long tail = BytesTable.tail(buf, off, len);
        int home = BytesTable.home(head, tail, len);
        Object n = shared == null ? null : shared.find(buf, off, len, head, tail, home);
        if (n == null) {
            n = local.find(buf, off, len, head, tail, home);
        }
        if (n != null) {
            return (String) n;
        }
        String s = new String(buf, off, len, StandardCharsets.UTF_8);
        local.put(buf, off, len, head, tail, home, s);
        return s;
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
