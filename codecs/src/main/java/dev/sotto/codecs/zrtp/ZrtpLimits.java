package dev.sotto.codecs.zrtp;

/**
 * Every limit of the ZRTP decoder in one place (DESIGN.md, Decoders).
 *
 * @param maxPacketLength the largest datagram decoded at all
 * @param maxPublicValueLength the largest pvi/pvr in octets (DH3k: 384, RFC 6189 §5.1.5)
 * @param maxSignatureWords the largest sig len accepted in Confirm/SASrelay (the field allows 511)
 */
public record ZrtpLimits(int maxPacketLength, int maxPublicValueLength, int maxSignatureWords) {

    /**
     * Room for the largest message of RFC 6189: a Confirm or SASrelay with a 511-word signature is
     * 530 words, i.e. 2,120 octets plus the 16 of header and CRC.
     */
    public static final ZrtpLimits DEFAULT = new ZrtpLimits(2_136, 512, 511);

    public ZrtpLimits {
        if (maxPacketLength < ZrtpPacket.OVERHEAD + 12 || maxPublicValueLength < 4 || maxSignatureWords < 0
                || maxSignatureWords > 0x1FF) {
            throw new IllegalArgumentException("ZRTP limits out of range");
        }
    }
}
