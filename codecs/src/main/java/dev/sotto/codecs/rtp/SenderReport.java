package dev.sotto.codecs.rtp;

import java.util.List;

/** RTCP SR (RFC 3550 §6.4.1). {@code profileExtensionLength} counts trailing profile-specific octets. */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reports, int profileExtensionLength) implements RtcpPacket {

    public SenderReport {
        reports = List.copyOf(reports);
    }

    @Override
    public int packetType() {
        return SR;
    }
}
