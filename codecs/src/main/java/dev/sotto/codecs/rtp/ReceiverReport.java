package dev.sotto.codecs.rtp;

import java.util.List;

/** RTCP RR (RFC 3550 §6.4.2). */
public record ReceiverReport(long ssrc, List<ReportBlock> reports, int profileExtensionLength) implements RtcpPacket {

    public ReceiverReport {
        reports = List.copyOf(reports);
    }

    @Override
    public int packetType() {
        return RR;
    }
}
