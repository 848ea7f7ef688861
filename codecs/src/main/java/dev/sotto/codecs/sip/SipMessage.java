package dev.sotto.codecs.sip;

import java.util.Set;

/** A parsed or built SIP message (RFC 3261 §7): a request or a response. */
public sealed interface SipMessage permits SipRequest, SipResponse {

    /** The SIP-Version of the start line; always "SIP/2.0" for messages this codec accepts. */
    String version();

    SipHeaders headers();

    /** The body bytes (a copy is made on construction; do not modify the returned array). */
    byte[] body();

    /** Deviations from the grammar that were tolerated while parsing (empty for built messages). */
    Set<SipViolation> violations();
}
