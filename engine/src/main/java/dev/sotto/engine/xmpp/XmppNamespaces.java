package dev.sotto.engine.xmpp;

/** Namespace names the client session speaks (RFC 6120, RFC 6121, XEP-0030, XEP-0199). */
final class XmppNamespaces {
    /** RFC 6120 §5.4. */
    static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    /** RFC 6120 §6.4. */
    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    /** RFC 6120 §7.1. */
    static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    /** RFC 6120 §4.9.2. */
    static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    /** RFC 6120 §8.3.2. */
    static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    /** RFC 6121 §2.1.1. */
    static final String ROSTER = "jabber:iq:roster";
    /** XEP-0199 §3. */
    static final String PING = "urn:xmpp:ping";
    /** XEP-0030 §3. */
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    private XmppNamespaces() {}
}
