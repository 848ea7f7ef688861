package dev.sotto.codecs.rtp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an RTP header (RFC 3550 §5.1) with optional CSRCs and RFC 8285 header extension elements,
 * followed by a payload. Elements use the one-byte form when every ID is 1-14 and every length 1-16,
 * the two-byte form otherwise (RFC 8285 §4.2, §4.3).
 */
public final class RtpPacketBuilder {

    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private final List<Long> csrcs = new ArrayList<>();
    private final List<HeaderExtensionElement> elements = new ArrayList<>();

    public RtpPacketBuilder marker(boolean m) {
        this.marker = m;
        return this;
    }

    public RtpPacketBuilder payloadType(int pt) {
        if (pt < 0 || pt > 127) {
            throw new IllegalArgumentException("payload type has 7 bits");
        }
        this.payloadType = pt;
        return this;
    }

    public RtpPacketBuilder sequenceNumber(int seq) {
        this.sequenceNumber = seq & 0xffff;
        return this;
    }

    public RtpPacketBuilder timestamp(long ts) {
        this.timestamp = ts & 0xffffffffL;
        return this;
    }

    public RtpPacketBuilder ssrc(long s) {
        this.ssrc = s & 0xffffffffL;
        return this;
    }

    public RtpPacketBuilder addCsrc(long csrc) {
        if (csrcs.size() == 15) {
            throw new IllegalArgumentException("at most 15 CSRCs (RFC 3550 §5.1)");
        }
        csrcs.add(csrc & 0xffffffffL);
        return this;
    }

    public RtpPacketBuilder addExtension(int id, byte[] data) {
        if (id < 1 || id > 255 || data.length > 255) {
            throw new IllegalArgumentException("RFC 8285 element IDs are 1-255, lengths 0-255");
        }
        elements.add(new HeaderExtensionElement(id, data));
        return this;
    }

    /** Writes the header and then {@code payload}'s readable bytes to {@code out}. */
    public void writeTo(ByteBuf out, ByteBuf payload) {
        boolean extension = !elements.isEmpty();
        out.writeByte(0x80 | (extension ? 0x10 : 0) | csrcs.size());
        out.writeByte((marker ? 0x80 : 0) | payloadType);
        out.writeShort(sequenceNumber);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
        for (long c : csrcs) {
            out.writeInt((int) c);
        }
        if (extension) {
            boolean oneByte = elements.stream().allMatch(e -> e.id() <= 14 && e.data().length >= 1 && e.data().length <= 16);
            int lengthAt = out.writerIndex() + 2;
            out.writeShort(oneByte ? RtpHeaderExtension.ONE_BYTE_PROFILE : RtpHeaderExtension.TWO_BYTE_PROFILE);
            out.writeShort(0);
            int dataStart = out.writerIndex();
            for (HeaderExtensionElement e : elements) {
                byte[] data = e.data();
                if (oneByte) {
                    out.writeByte((e.id() << 4) | (data.length - 1));
                } else {
                    out.writeByte(e.id());
                    out.writeByte(data.length);
                }
                out.writeBytes(data);
            }
            // Pad with zero octets to a 32-bit boundary (RFC 8285 §4.1).
            while ((out.writerIndex() - dataStart) % 4 != 0) {
                out.writeByte(0);
            }
            out.setShort(lengthAt, (out.writerIndex() - dataStart) / 4);
        }
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
    }
}
