package dev.sotto.codecs.sip;

/** CSeq (RFC 3261 §20.16): a 32-bit unsigned sequence number and the request method. */
public record CSeq(long sequenceNumber, String method) {

    /** RFC 3261 §8.1.1.5: the number is a 32-bit unsigned integer. */
    public static final long MAX = 0xFFFF_FFFFL;

    public CSeq {
        if (sequenceNumber < 0 || sequenceNumber > MAX) {
            throw new IllegalArgumentException("CSeq out of range");
        }
        if (!Lex.isToken(method)) {
            throw new IllegalArgumentException("method must be a token");
        }
    }

    public String encode() {
        return sequenceNumber + " " + method;
    }
}
