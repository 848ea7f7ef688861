package dev.sotto.codecs.sip;

/**
 * Every limit of the SIP decoders, in one place (DESIGN.md, Decoders).
 *
 * @param maxMessageBytes start line + headers + body; beyond it: 513 Message Too Large (RFC 3261 §21.5.14)
 * @param maxHeaderCount  header fields per message
 * @param maxLineLength   one header field after unfolding, or the start line
 */
public record SipLimits(int maxMessageBytes, int maxHeaderCount, int maxLineLength) {

    /** 64 KiB messages (the largest UDP datagram), 256 fields, 16 KiB per field. */
    public static final SipLimits DEFAULT = new SipLimits(65_536, 256, 16_384);

    public SipLimits {
        if (maxMessageBytes < 64 || maxHeaderCount < 1 || maxLineLength < 32) {
            throw new IllegalArgumentException("limits too small");
        }
    }
}
