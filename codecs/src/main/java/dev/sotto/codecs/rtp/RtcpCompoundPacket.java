package dev.sotto.codecs.rtp;

import java.util.List;

/** The RTCP packets of one datagram, in order (RFC 3550 §6.1). */
public record RtcpCompoundPacket(List<RtcpPacket> packets) {

    public RtcpCompoundPacket {
        packets = List.copyOf(packets);
    }
}
