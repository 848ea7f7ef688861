package dev.sotto.codecs.sip;

/**
 * Why a SIP message was rejected, and the response a UAS sends for it (RFC 3261 §21). The condition of a
 * {@link dev.sotto.codecs.DecodeResult.Malformed} is {@link #condition()}, optionally followed by ":" and the
 * header name it concerns; {@link #ofCondition(String)} maps it back.
 */
public enum SipError {
    /** Start line is not Method SP Request-URI SP SIP-Version / SIP-Version SP Status-Code SP Reason. */
    BAD_START_LINE("bad-start-line", 400),
    /** A SIP-Version other than SIP/2.0 (RFC 3261 §8.2.2, §21.5.6: 505). */
    VERSION_NOT_SUPPORTED("version-not-supported", 505),
    /** Status code outside 100..699 (RFC 3261 §7.2); responses are dropped, the code only documents. */
    BAD_STATUS_CODE("bad-status-code", 400),
    /** Request-URI that does not parse, or that RFC 3261 §19.1.1 forbids (headers, brackets, LWS). */
    BAD_REQUEST_URI("bad-request-uri", 400),
    /** A header line that is not field-name HCOLON field-value (RFC 3261 §7.3). */
    BAD_HEADER_LINE("bad-header-line", 400),
    /** A known header whose value breaks its grammar (RFC 3261 §20). */
    BAD_HEADER_VALUE("bad-header-value", 400),
    /** A mandatory header (RFC 3261 §8.1.1) is missing. */
    MISSING_HEADER("missing-header", 400),
    /** A header that allows one value appears more than once (RFC 3261 §7.3.1). */
    DUPLICATE_HEADER("duplicate-header", 400),
    /** CSeq method differs from the request method (RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.17). */
    CSEQ_METHOD_MISMATCH("cseq-method-mismatch", 400),
    /** Content-Length missing on a stream, not a number, or conflicting (RFC 3261 §18.3, §20.14). */
    BAD_CONTENT_LENGTH("bad-content-length", 400),
    /** A datagram shorter than its Content-Length says (RFC 3261 §18.3). */
    BODY_TRUNCATED("body-truncated", 400),
    /** The message exceeds the size limit (RFC 3261 §21.5.14: 513 Message Too Large). */
    MESSAGE_TOO_LARGE("message-too-large", 513),
    /** More header fields than the limit allows. */
    TOO_MANY_HEADERS("too-many-headers", 400),
    /** A header field longer than the limit allows. */
    LINE_TOO_LONG("line-too-long", 400),
    /** Bytes that are not UTF-8, or bare CR/LF/NUL where the grammar forbids them. */
    BAD_ENCODING("bad-encoding", 400);

    private final String condition;
    private final int statusCode;

    SipError(String condition, int statusCode) {
        this.condition = condition;
        this.statusCode = statusCode;
    }

    /** The condition string used in {@link dev.sotto.codecs.DecodeResult.Malformed}. */
    public String condition() {
        return condition;
    }

    /** The status a UAS answers a request with (responses with errors are dropped, RFC 3261 §18.1.2). */
    public int statusCode() {
        return statusCode;
    }

    /** The error a Malformed condition names, or null if it is not one of ours. */
    public static SipError ofCondition(String condition) {
        int colon = condition.indexOf(':');
        String key = colon < 0 ? condition : condition.substring(0, colon);
        for (SipError e : values()) {
            if (e.condition.equals(key)) {
                return e;
            }
        }
        return null;
    }
}
