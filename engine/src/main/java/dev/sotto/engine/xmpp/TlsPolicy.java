package dev.sotto.engine.xmpp;

/** Whether a connection may proceed without TLS (DESIGN.md, Secure by default). */
public enum TlsPolicy {
    /** The default: STARTTLS or nothing; no credentials ever leave without TLS. */
    REQUIRED,
    /** Lowered explicitly by the user for one account: STARTTLS when offered, plaintext otherwise (never PLAIN). */
    OPTIONAL
}
