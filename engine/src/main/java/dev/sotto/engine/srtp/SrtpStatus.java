package dev.sotto.engine.srtp;

/**
 * The outcome of one protect or unprotect call. A typed value, not an exception, so a flood of forged
 * packets costs a comparison and a counter increment (DESIGN.md, Decisions: Decoders).
 */
public enum SrtpStatus {
    /** The packet was protected or unprotected in place. */
    OK,
    /** Shorter than a header plus the trailer this profile needs. */
    TOO_SHORT,
    /** Longer than {@link SrtpConfig#maxPacketLength()} (with the trailer, for protect). */
    TOO_LONG,
    /** Not RTP/RTCP version 2, or the header's own lengths do not fit the packet. */
    MALFORMED,
    /** The authentication tag (HMAC or AEAD tag) did not verify (RFC 3711 §3.3 step 5). */
    AUTH_FAILED,
    /** The index was already received (RFC 3711 §3.3.2). */
    REPLAYED,
    /** The index lies behind the replay window (RFC 3711 §3.3.2). */
    TOO_OLD,
    /** The packet index space is exhausted: the master key must be replaced (RFC 3711 §9.2). */
    KEY_EXHAUSTED,
    /** The buffer cannot grow by the trailer protect must append (its max capacity is reached). */
    NO_ROOM,
    /** The context was destroyed (its keys wiped); it protects and unprotects nothing any more. */
    DESTROYED,
    /** A new SSRC would exceed the configured number of streams. */
    TOO_MANY_STREAMS
}
