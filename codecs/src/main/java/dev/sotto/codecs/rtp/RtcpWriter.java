package dev.sotto.codecs.rtp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes RTCP packets (RFC 3550 §6.4 to §6.6) into a compound packet: SR and RR with their report blocks,
 * SDES and BYE. Lengths are filled in; SDES chunks and BYE reasons are padded to 32-bit boundaries with
 * zero octets as §6.5 and §6.6 require. Profile-specific extensions are not written.
 */
public final class RtcpWriter {

    private RtcpWriter() {}

    /** Appends {@code packet} to {@code out}. */
    public static void write(RtcpPacket packet, ByteBuf out) {
        int start = out.writerIndex();
        if (packet instanceof SenderReport sr) {
            header(out, sr.reports().size(), RtcpPacket.SR);
            out.writeInt((int) sr.ssrc()).writeLong(sr.ntpTimestamp()).writeInt((int) sr.rtpTimestamp())
                    .writeInt((int) sr.packetCount()).writeInt((int) sr.octetCount());
            sr.reports().forEach(b -> reportBlock(b, out));
        } else if (packet instanceof ReceiverReport rr) {
            header(out, rr.reports().size(), RtcpPacket.RR);
            out.writeInt((int) rr.ssrc());
            rr.reports().forEach(b -> reportBlock(b, out));
        } else if (packet instanceof SourceDescription sdes) {
            header(out, sdes.chunks().size(), RtcpPacket.SDES);
            for (SdesChunk chunk : sdes.chunks()) {
                int chunkStart = out.writerIndex();
                out.writeInt((int) chunk.ssrc());
                for (SdesItem item : chunk.items()) {
                    byte[] text = item.value().getBytes(StandardCharsets.UTF_8);
                    if (text.length > 255) {
                        throw new IllegalArgumentException("an SDES item holds at most 255 octets");
                    }
                    out.writeByte(item.type()).writeByte(text.length).writeBytes(text);
                }
                // The null item, then zero octets to the next 32-bit boundary (at least one null octet).
                do {
                    out.writeByte(0);
                } while ((out.writerIndex() - chunkStart) % 4 != 0);
            }
        } else if (packet instanceof Goodbye bye) {
            header(out, bye.ssrcs().size(), RtcpPacket.BYE);
            bye.ssrcs().forEach(s -> out.writeInt((int) (long) s));
            bye.reason().ifPresent(r -> {
                byte[] text = r.getBytes(StandardCharsets.UTF_8);
                if (text.length > 255) {
                    throw new IllegalArgumentException("a BYE reason holds at most 255 octets");
                }
                out.writeByte(text.length).writeBytes(text);
                while ((out.writerIndex() - start) % 4 != 0) {
                    out.writeByte(0);
                }
            });
        } else {
            throw new IllegalArgumentException("RtcpWriter writes SR, RR, SDES and BYE");
        }
        // RFC 3550 §6.4.1: length in 32-bit words minus one.
        out.setShort(start + 2, (out.writerIndex() - start) / 4 - 1);
    }

    private static void header(ByteBuf out, int count, int type) {
        if (count > 31) {
            throw new IllegalArgumentException("at most 31 blocks, chunks or sources per RTCP packet");
        }
        out.writeByte(0x80 | count).writeByte(type).writeShort(0);
    }

    private static void reportBlock(ReportBlock b, ByteBuf out) {
        out.writeInt((int) b.ssrc()).writeByte(b.fractionLost()).writeMedium(b.cumulativeLost())
                .writeInt((int) b.extendedHighestSequence()).writeInt((int) b.jitter()).writeInt((int) b.lastSr())
                .writeInt((int) b.delaySinceLastSr());
    }
}
