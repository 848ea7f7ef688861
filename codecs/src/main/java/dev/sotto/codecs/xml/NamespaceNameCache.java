package dev.sotto.codecs.xml;

import java.nio.charset.StandardCharsets;

/**
 * A small, bounded cache from the UTF-8 bytes of a namespace name (the value of an {@code xmlns} or
 * {@code xmlns:p} declaration, XML-Names §3) to its String. Every XMPP stanza declares one of a handful of
 * namespaces (RFC 6120 §4.8.3 content namespaces, RFC 6121, the XEPs in use), so a decoder sees the same few
 * values over and over; this saves decoding and copying them each time. A fixed number of slots, overwritten on
 * collision: a peer sending many distinct namespaces cannot grow it. The bytes are valid UTF-8 (the tokenizer
 * checks every byte before a value gets here), so the cached String is exactly the one a fresh decode would give.
 */
final class NamespaceNameCache {
    private static final int SLOTS = 64;
    /** Longer values are decoded every time: namespace names in practice are far shorter. */
    private static final int MAX_BYTES = 128;

    /**
     * Namespaces of RFC 6120, RFC 6121 and widely deployed XEPs, filled during class initialization and only read
     * afterwards, so decoders on any thread may consult it; a new stream then starts with them known.
     */
    private static final NamespaceNameCache COMMON = new NamespaceNameCache();

    static {
        String[] common = {XmlNamespaces.JABBER_CLIENT, XmlNamespaces.JABBER_SERVER, XmlNamespaces.STREAMS,
            "urn:ietf:params:xml:ns:xmpp-tls", "urn:ietf:params:xml:ns:xmpp-sasl",
            "urn:ietf:params:xml:ns:xmpp-bind", "urn:ietf:params:xml:ns:xmpp-session",
            "urn:ietf:params:xml:ns:xmpp-stanzas", "urn:ietf:params:xml:ns:xmpp-streams", "jabber:iq:roster",
            "jabber:iq:version", "jabber:iq:private", "jabber:x:data", "jabber:x:oob", "jabber:x:conference",
            "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
            "http://jabber.org/protocol/caps", "http://jabber.org/protocol/chatstates",
            "http://jabber.org/protocol/muc", "http://jabber.org/protocol/muc#user",
            "http://jabber.org/protocol/pubsub", "http://jabber.org/protocol/pubsub#event", "urn:xmpp:ping",
            "urn:xmpp:receipts", "urn:xmpp:delay", "urn:xmpp:time", "urn:xmpp:sm:3", "urn:xmpp:carbons:2",
            "urn:xmpp:forward:0", "urn:xmpp:hints", "urn:xmpp:eme:0", "urn:xmpp:mam:2", "urn:xmpp:sid:0",
            "urn:xmpp:message-correct:0", "urn:xmpp:chat-markers:0", "urn:xmpp:csi:0", "urn:xmpp:blocking",
            "vcard-temp", "vcard-temp:x:update", "storage:bookmarks", "jabber:iq:last", "jabber:iq:register"};
        for (String n : common) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            COMMON.lookup(b, 0, b.length);
        }
    }

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /** The String for {@code buf[off..off+len)}, from the cache when the same bytes were seen before. */
    String lookup(byte[] buf, int off, int len) {
        if (len > MAX_BYTES) {
            return new String(buf, off, len, StandardCharsets.UTF_8);
        }
        int h = len;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + buf[i];
        }
        int slot = (h ^ (h >>> 7) ^ (h >>> 15)) & (SLOTS - 1);
        byte[] k = keys[slot];
        if (k != null && k.length == len && same(k, buf, off, len)) {
            return values[slot];
        }
        if (this != COMMON) {
            byte[] ck = COMMON.keys[slot];
            if (ck != null && ck.length == len && same(ck, buf, off, len)) {
                return COMMON.values[slot];
            }
        }
        String v = new String(buf, off, len, StandardCharsets.UTF_8);
        byte[] key = new byte[len];
        System.arraycopy(buf, off, key, 0, len);
        keys[slot] = key;
        values[slot] = v;
        return v;
    }

    private static boolean same(byte[] k, byte[] buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (k[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }
}
