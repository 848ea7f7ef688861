package dev.sotto.codecs.rtp;

import java.util.List;

/** RTCP SDES (RFC 3550 §6.5). */
public record SourceDescription(List<SdesChunk> chunks) implements RtcpPacket {

    public SourceDescription {
        chunks = List.copyOf(chunks);
    }

    @Override
    public int packetType() {
        return SDES;
    }
}
