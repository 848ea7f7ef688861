package dev.sotto.codecs.rtp;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes one RTP datagram (RFC 3550 §5.1, header extensions per RFC 8285). Never throws on hostile bytes:
 * a malformed packet is a {@link DecodeResult.Malformed} whose condition names the broken rule and whose
 * offset is where it was noticed. A datagram is complete by definition, so there is no NeedMore.
 */
public final class RtpDecoder {

    private static final int FIXED_HEADER = 12;

    private final RtpLimits limits;

    public RtpDecoder(RtpLimits limits) {
        this.limits = limits;
    }

    /** Decodes the readable bytes of {@code datagram} without moving its indices. */
    public DecodeResult<RtpPacket> decode(ByteBuf datagram) {
        int start = datagram.readerIndex();
        int length = datagram.readableBytes();
        if (length > limits.maxDatagramLength()) {
            return DecodeResult.malformed("datagram-too-long", limits.maxDatagramLength());
        }
        if (length < FIXED_HEADER) {
            return DecodeResult.malformed("too-short", length);
        }
        int b0 = datagram.getUnsignedByte(start);
        int b1 = datagram.getUnsignedByte(start + 1);
        if (b0 >>> 6 != 2) {
            return DecodeResult.malformed("bad-version", 0);
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean hasExtension = (b0 & 0x10) != 0;
        int cc = b0 & 0x0f;
        int offset = FIXED_HEADER;
        if (offset + 4 * cc > length) {
            return DecodeResult.malformed("csrc-overrun", length);
        }
        List<Long> csrcs = new ArrayList<>(cc);
        for (int i = 0; i < cc; i++) {
            csrcs.add(datagram.getUnsignedInt(start + offset));
            offset += 4;
        }
        Optional<RtpHeaderExtension> extension = Optional.empty();
        if (hasExtension) {
            if (offset + 4 > length) {
                return DecodeResult.malformed("extension-overrun", length);
            }
            int profile = datagram.getUnsignedShort(start + offset);
            int extLength = 4 * datagram.getUnsignedShort(start + offset + 2);
            int dataStart = offset + 4;
            if (dataStart + extLength > length) {
                return DecodeResult.malformed("extension-overrun", length);
            }
            DecodeResult<List<HeaderExtensionElement>> elements = elements(datagram, start, profile, dataStart, extLength);
            if (elements instanceof DecodeResult.Malformed<List<HeaderExtensionElement>> m) {
                return DecodeResult.malformed(m.condition(), m.offset());
            }
            extension = Optional.of(new RtpHeaderExtension(profile, extLength,
                    ((DecodeResult.Ok<List<HeaderExtensionElement>>) elements).value()));
            offset = dataStart + extLength;
        }
        int paddingLength = 0;
        if (padding) {
            // RFC 3550 §5.1: the last octet counts the padding octets, itself included.
            paddingLength = datagram.getUnsignedByte(start + length - 1);
            if (paddingLength == 0 || offset + paddingLength > length) {
                return DecodeResult.malformed("bad-padding", length - 1);
            }
        }
        RtpPacket packet = new RtpPacket(padding, (b1 & 0x80) != 0, b1 & 0x7f, datagram.getUnsignedShort(start + 2),
                datagram.getUnsignedInt(start + 4), datagram.getUnsignedInt(start + 8), csrcs, extension, offset,
                length - offset - paddingLength, paddingLength);
        return DecodeResult.ok(packet, length);
    }

    /** RFC 8285 §4.2 and §4.3; other profiles keep their data opaque. */
    private DecodeResult<List<HeaderExtensionElement>> elements(ByteBuf d, int start, int profile, int from, int length) {
        boolean oneByte = profile == RtpHeaderExtension.ONE_BYTE_PROFILE;
        boolean twoByte = (profile & 0xFFF0) == RtpHeaderExtension.TWO_BYTE_PROFILE;
        List<HeaderExtensionElement> out = new ArrayList<>();
        if (!oneByte && !twoByte) {
            return DecodeResult.ok(out, length);
        }
        int i = from;
        int end = from + length;
        while (i < end) {
            int b = d.getUnsignedByte(start + i);
            if (b == 0) {
                // A padding octet: ignored (RFC 8285 §4.1).
                i++;
                continue;
            }
            int id;
            int len;
            if (oneByte) {
                id = b >>> 4;
                if (id == 15) {
                    // RFC 8285 §4.2: ID 15 ends processing; the elements before it stand.
                    break;
                }
                if (id == 0) {
                    // ID 0 with a length > 0 also ends processing (§4.1).
                    break;
                }
                len = (b & 0x0f) + 1;
                i++;
            } else {
                id = b;
                if (i + 1 >= end) {
                    return DecodeResult.malformed("extension-element-overrun", i);
                }
                len = d.getUnsignedByte(start + i + 1);
                i += 2;
            }
            if (i + len > end) {
                return DecodeResult.malformed("extension-element-overrun", i);
            }
            if (out.size() >= limits.maxExtensionElements()) {
                return DecodeResult.malformed("too-many-extension-elements", i);
            }
            byte[] data = new byte[len];
            d.getBytes(start + i, data);
            out.add(new HeaderExtensionElement(id, data));
            i += len;
        }
        return DecodeResult.ok(out, length);
    }
}
