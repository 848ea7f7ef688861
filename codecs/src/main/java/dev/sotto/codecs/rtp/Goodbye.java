package dev.sotto.codecs.rtp;

import java.util.List;
import java.util.Optional;

/** RTCP BYE (RFC 3550 §6.6): the sources leaving and an optional reason. */
public record Goodbye(List<Long> ssrcs, Optional<String> reason) implements RtcpPacket {

    public Goodbye {
        ssrcs = List.copyOf(ssrcs);
    }

    @Override
    public int packetType() {
        return BYE;
    }
}
