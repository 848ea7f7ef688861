package dev.sotto.codecs.rtp;

/**
 * RTCP APP (RFC 3550 §6.7).
 *
 * @param subtype 5 bits
 * @param ssrc the source
 * @param name four ASCII characters
 * @param dataLength application-dependent data octets (a multiple of 4)
 */
public record ApplicationDefined(int subtype, long ssrc, String name, int dataLength) implements RtcpPacket {

    @Override
    public int packetType() {
        return APP;
    }
}
