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

    /** XEP-0280 §5 (issue 6: carbons must not turn into OTR errors). */
    static final String CARBONS = "urn:xmpp:carbons:2";
    /** XEP-0297 §3, the wrapper inside a carbon. */
    static final String FORWARD = "urn:xmpp:forward:0";
    /** XEP-0203 §3. */
    static final String DELAY = "urn:xmpp:delay";
    /** XEP-0334 §4, the hints XEP-0364 §4.3 asks for on OTR messages. */
    static final String HINTS = "urn:xmpp:hints";
    /** XEP-0380 §3. */
    static final String EME = "urn:xmpp:eme:0";
    /** XEP-0364 §4.4: the namespace EME names for OTR. */
    static final String OTR_EME = "urn:xmpp:otr:0";

    private XmppNamespaces() {}
}
