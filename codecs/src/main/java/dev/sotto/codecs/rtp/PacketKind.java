package dev.sotto.codecs.rtp;

/** What arrived on a shared media port (RFC 7983 §7, RFC 5761 §4, RFC 6189 §5). */
public enum PacketKind {
    /** First octet 0-3 and the STUN magic cookie (RFC 8489 §5). */
    STUN,
    /** First octet 16-19 and the ZRTP magic cookie 'ZRTP' (RFC 6189 §5). */
    ZRTP,
    /** First octet 20-63. */
    DTLS,
    /** First octet 64-79. */
    TURN_CHANNEL,
    /** First octet 128-191 and a payload type outside 64-95. */
    RTP,
    /** First octet 128-191 and a second octet of 192-223 (RFC 5761 §4). */
    RTCP,
    /** Anything else: RFC 7983 says to drop it. */
    UNKNOWN
}
