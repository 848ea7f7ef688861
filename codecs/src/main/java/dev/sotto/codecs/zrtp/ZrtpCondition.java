package dev.sotto.codecs.zrtp;

import java.util.Optional;

/**
 * The typed reasons the ZRTP decoder rejects input; {@link #condition()} is the string carried by
 * {@code DecodeResult.Malformed}. Each says how the engine answers (RFC 6189 §5: a bad CRC is silently
 * discarded; §5.9: a packet with a good CRC and a wrong structure gets Error 0x10).
 */
public enum ZrtpCondition {
    /** Shorter than header, smallest message and CRC: not a ZRTP packet. */
    TOO_SHORT("too-short", false),
    /** Longer than {@link ZrtpLimits#maxPacketLength()}. */
    PACKET_TOO_LONG("packet-too-long", false),
    /** The first four bits are not 0001 (§5, Figure 2). */
    NOT_ZRTP("not-zrtp", false),
    /** The magic cookie is not 'ZRTP' (§5). */
    BAD_MAGIC_COOKIE("bad-magic-cookie", false),
    /** The CRC-32C does not match: silently discarded (§5). */
    BAD_CRC("bad-crc", false),
    /** The message does not begin with 0x505a (§5.2). */
    BAD_PREAMBLE("bad-preamble", true),
    /** The message length field disagrees with the packet (§5.2). */
    BAD_MESSAGE_LENGTH("bad-message-length", true),
    /** A Message Type Block not in Table 1 (§5.1.1). */
    UNKNOWN_MESSAGE_TYPE("unknown-message-type", true),
    /** The length is wrong for the message type (Figures 3–19). */
    BAD_LENGTH_FOR_TYPE("bad-length-for-type", true),
    /** A Hello algorithm count above 7 (Figure 3). */
    TOO_MANY_ALGORITHMS("too-many-algorithms", true),
    /** A pvi/pvr longer than {@link ZrtpLimits#maxPublicValueLength()} or empty. */
    BAD_PUBLIC_VALUE_LENGTH("bad-public-value-length", true),
    /** A decrypted Confirm/SASrelay region shorter than 10 words. */
    CONFIRM_TOO_SHORT("confirm-too-short", true),
    /** Same, for SASrelay. */
    SASRELAY_TOO_SHORT("sasrelay-too-short", true),
    /** A sig len above {@link ZrtpLimits#maxSignatureWords()}. */
    SIGNATURE_TOO_LONG("signature-too-long", true),
    /** The sig len disagrees with the region's length (§5.7, §5.13). */
    BAD_SIGNATURE_LENGTH("bad-signature-length", true);

    private final String condition;
    private final boolean answeredWithError;

    ZrtpCondition(String condition, boolean answeredWithError) {
        this.condition = condition;
        this.answeredWithError = answeredWithError;
    }

    /** The condition string of {@code DecodeResult.Malformed}. */
    public String condition() {
        return condition;
    }

    /** The Error to answer with, or empty when the packet is silently discarded. */
    public Optional<ZrtpErrorCode> errorCode() {
        return answeredWithError ? Optional.of(ZrtpErrorCode.MALFORMED_PACKET) : Optional.empty();
    }

    /** The condition with this string, if it is one of ours. */
    public static Optional<ZrtpCondition> of(String condition) {
        for (ZrtpCondition c : values()) {
            if (c.condition.equals(condition)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
