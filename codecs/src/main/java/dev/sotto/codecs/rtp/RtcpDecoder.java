package dev.sotto.codecs.rtp;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes a compound RTCP datagram (RFC 3550 §6) and applies the validity checks of RFC 3550 Appendix A.2:
 * version 2 everywhere, an SR or RR first, padding only in the last packet, and lengths that add up to
 * the datagram. Never throws on hostile bytes.
 */
public final class RtcpDecoder {

    private static final int HEADER = 4;
    private static final int REPORT_BLOCK = 24;

    private final RtpLimits limits;

    public RtcpDecoder(RtpLimits limits) {
        this.limits = limits;
    }

    /** Decodes the readable bytes of {@code datagram} without moving its indices. */
    public DecodeResult<RtcpCompoundPacket> decode(ByteBuf datagram) {
        int start = datagram.readerIndex();
        int length = datagram.readableBytes();
        if (length > limits.maxDatagramLength()) {
            return DecodeResult.malformed("datagram-too-long", limits.maxDatagramLength());
        }
        if (length < 8) {
            return DecodeResult.malformed("too-short", length);
        }
        List<RtcpPacket> packets = new ArrayList<>();
        int at = 0;
        while (at < length) {
            if (at + HEADER > length) {
                return DecodeResult.malformed("truncated-header", at);
            }
            int b0 = datagram.getUnsignedByte(start + at);
            int type = datagram.getUnsignedByte(start + at + 1);
            int bodyLength = 4 * datagram.getUnsignedShort(start + at + 2);
            if (b0 >>> 6 != 2) {
                return DecodeResult.malformed("bad-version", at);
            }
            if (packets.isEmpty() && type != RtcpPacket.SR && type != RtcpPacket.RR) {
                return DecodeResult.malformed("first-packet-not-sr-or-rr", at + 1);
            }
            int end = at + HEADER + bodyLength;
            if (end > length) {
                return DecodeResult.malformed("length-overrun", at + 2);
            }
            boolean padding = (b0 & 0x20) != 0;
            int padLength = 0;
            if (padding) {
                if (end != length) {
                    return DecodeResult.malformed("padding-not-in-last-packet", at);
                }
                padLength = bodyLength == 0 ? 0 : datagram.getUnsignedByte(start + end - 1);
                if (padLength == 0 || padLength > bodyLength) {
                    return DecodeResult.malformed("bad-padding", end - 1);
                }
            }
            if (packets.size() >= limits.maxRtcpPackets()) {
                return DecodeResult.malformed("too-many-packets", at);
            }
            int count = b0 & 0x1f;
            int body = start + at + HEADER;
            DecodeResult<RtcpPacket> one = packet(datagram, type, count, body, bodyLength - padLength, at + HEADER);
            if (one instanceof DecodeResult.Malformed<RtcpPacket> m) {
                return DecodeResult.malformed(m.condition(), m.offset());
            }
            packets.add(((DecodeResult.Ok<RtcpPacket>) one).value());
            at = end;
        }
        return DecodeResult.ok(new RtcpCompoundPacket(packets), length);
    }

    private DecodeResult<RtcpPacket> packet(ByteBuf d, int type, int count, int body, int len, int offset) {
        switch (type) {
            case RtcpPacket.SR: {
                int need = 24 + count * REPORT_BLOCK;
                if (len < need) {
                    return DecodeResult.malformed("sr-too-short", offset);
                }
                return DecodeResult.ok(new SenderReport(d.getUnsignedInt(body), d.getLong(body + 4),
                        d.getUnsignedInt(body + 12), d.getUnsignedInt(body + 16), d.getUnsignedInt(body + 20),
                        reports(d, body + 24, count), len - need), len);
            }
            case RtcpPacket.RR: {
                int need = 4 + count * REPORT_BLOCK;
                if (len < need) {
                    return DecodeResult.malformed("rr-too-short", offset);
                }
                return DecodeResult.ok(new ReceiverReport(d.getUnsignedInt(body), reports(d, body + 4, count),
                        len - need), len);
            }
            case RtcpPacket.SDES:
                return sdes(d, count, body, len, offset);
            case RtcpPacket.BYE: {
                if (len < 4 * count) {
                    return DecodeResult.malformed("bye-too-short", offset);
                }
                List<Long> ssrcs = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ssrcs.add(d.getUnsignedInt(body + 4 * i));
                }
                Optional<String> reason = Optional.empty();
                int r = 4 * count;
                if (r < len) {
                    int reasonLength = d.getUnsignedByte(body + r);
                    if (r + 1 + reasonLength > len) {
                        return DecodeResult.malformed("bye-reason-overrun", offset + r);
                    }
                    reason = Optional.of(d.toString(body + r + 1, reasonLength, StandardCharsets.UTF_8));
                }
                return DecodeResult.ok(new Goodbye(ssrcs, reason), len);
            }
            case RtcpPacket.APP: {
                if (len < 8) {
                    return DecodeResult.malformed("app-too-short", offset);
                }
                return DecodeResult.ok(new ApplicationDefined(count, d.getUnsignedInt(body),
                        d.toString(body + 4, 4, StandardCharsets.US_ASCII), len - 8), len);
            }
            default:
                return DecodeResult.ok(new UnknownRtcpPacket(type, count, len), len);
        }
    }

    private static List<ReportBlock> reports(ByteBuf d, int at, int count) {
        List<ReportBlock> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int b = at + i * REPORT_BLOCK;
            int lost = d.getMedium(b + 5); // signed 24-bit (RFC 3550 §6.4.1)
            out.add(new ReportBlock(d.getUnsignedInt(b), d.getUnsignedByte(b + 4), lost, d.getUnsignedInt(b + 8),
                    d.getUnsignedInt(b + 12), d.getUnsignedInt(b + 16), d.getUnsignedInt(b + 20)));
        }
        return out;
    }

    /** RFC 3550 §6.5: chunks of SSRC, items, a null octet, then zero padding to a 32-bit boundary. */
    private DecodeResult<RtcpPacket> sdes(ByteBuf d, int count, int body, int len, int offset) {
        List<SdesChunk> chunks = new ArrayList<>(count);
        int i = 0;
        for (int c = 0; c < count; c++) {
            if (i + 4 > len) {
                return DecodeResult.malformed("sdes-chunk-overrun", offset + i);
            }
            long ssrc = d.getUnsignedInt(body + i);
            i += 4;
            List<SdesItem> items = new ArrayList<>();
            while (true) {
                if (i >= len) {
                    return DecodeResult.malformed("sdes-item-overrun", offset + i);
                }
                int itemType = d.getUnsignedByte(body + i);
                if (itemType == 0) {
                    i++;
                    // Skip to the next 32-bit boundary.
                    i = (i + 3) & ~3;
                    break;
                }
                if (i + 2 > len) {
                    return DecodeResult.malformed("sdes-item-overrun", offset + i);
                }
                int itemLength = d.getUnsignedByte(body + i + 1);
                if (i + 2 + itemLength > len) {
                    return DecodeResult.malformed("sdes-item-overrun", offset + i);
                }
                if (items.size() >= limits.maxSdesItems()) {
                    return DecodeResult.malformed("too-many-sdes-items", offset + i);
                }
                items.add(new SdesItem(itemType, d.toString(body + i + 2, itemLength, StandardCharsets.UTF_8)));
                i += 2 + itemLength;
            }
            chunks.add(new SdesChunk(ssrc, items));
        }
        if (i > len) {
            return DecodeResult.malformed("sdes-chunk-overrun", offset + len);
        }
        return DecodeResult.ok(new SourceDescription(chunks), len);
    }
}
