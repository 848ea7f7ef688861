package dev.sotto.codecs.rtp;

/**
 * Every limit of the RTP and RTCP decoders in one place (DESIGN.md, Decoders).
 *
 * @param maxDatagramLength the largest datagram decoded at all
 * @param maxExtensionElements header extension elements kept per RTP packet (RFC 8285)
 * @param maxRtcpPackets RTCP packets per compound packet
 * @param maxSdesItems SDES items per chunk
 */
public record RtpLimits(int maxDatagramLength, int maxExtensionElements, int maxRtcpPackets, int maxSdesItems) {

    public static final RtpLimits DEFAULT = new RtpLimits(65_535, 64, 64, 32);

    public RtpLimits {
        if (maxDatagramLength < 12 || maxExtensionElements < 0 || maxRtcpPackets < 1 || maxSdesItems < 0) {
            throw new IllegalArgumentException("RTP limits out of range");
        }
    }
}
