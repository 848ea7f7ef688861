package dev.sotto.codecs.sip;

/**
 * Deviations from the RFC 3261 grammar that a robust parser accepts (RFC 4475, RFC 5118 tell which), listed
 * on the parsed message so that a UA or the vectors CLI can report them.
 */
public enum SipViolation {
    /** RFC 5118 §4.5: Via received carries an IPv6 reference with brackets. */
    BRACKETED_VIA_RECEIVED,
    /** RFC 5118 §4.10: "[2001:db8:::192.0.2.1]", the RFC 3261 ABNF bug. */
    IPV6_EXTRA_COLON,
    /** RFC 4475 §3.1.1.8: octets after the Content-Length body of a datagram, ignored (RFC 3261 §18.3). */
    TRAILING_DATAGRAM_OCTETS,
    /** RFC 4475 §3.1.2.12: a Date not in GMT (RFC 3261 §20.17); ignorable unless the Date matters. */
    DATE_NOT_GMT,
    /** RFC 4475 §3.2.1: a branch that is only the magic cookie z9hG4bK; fall back to RFC 2543 matching. */
    BRANCH_WITHOUT_ID,
    /** RFC 4475 §3.1.2.4: Max-Forwards above 255, treated as absent. */
    MAX_FORWARDS_OUT_OF_RANGE,
    /** RFC 4475 §3.1.2.4: Expires above 2^32-1, treated as absent (the default applies). */
    EXPIRES_OUT_OF_RANGE,
    /** RFC 4475 §3.4.1: a request without Max-Forwards (RFC 2543 syntax). */
    MAX_FORWARDS_MISSING,
    /** RFC 4475 §3.1.1.13: a status line without the SP before an empty reason phrase. */
    STATUS_LINE_WITHOUT_REASON_SP,
    /** RFC 4475 §3.1.1.6: no LWS between a token display name and "&lt;" (a known RFC 3261 grammar bug). */
    NO_LWS_BEFORE_LAQUOT,
    /** Lines end in a bare LF instead of CRLF (RFC 3261 §7), as in RFC 5118's published message files. */
    BARE_LF_LINE_ENDINGS,
    /** A datagram that ends after its last header line, without the empty line (RFC 3261 §7). */
    MISSING_EMPTY_LINE
}
