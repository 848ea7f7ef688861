package dev.sotto.codecs.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpDecoderTest {

    private static final RtpDecoder DECODER = new RtpDecoder(RtpLimits.DEFAULT);

    private static DecodeResult<RtpPacket> decodeEveryLayout(byte[] datagram) {
        long seed = Splits.seed();
        DecodeResult<RtpPacket> first = null;
        for (ByteBuf b : Splits.layouts(datagram, seed)) {
            DecodeResult<RtpPacket> r = DECODER.decode(b);
            if (first == null) {
                first = r;
            } else {
                assertThat(r).as("seed %d (replay with -Dsotto.test.seed=%d)", seed, seed).isEqualTo(first);
            }
        }
        return first;
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void rfc7714PlainPacket() {
        // RFC 7714 §16: header 8040f17b 8041f8d3 5501a0b2 and a 38-octet payload.
        byte[] packet = hex("8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976"
                + " 69736120 696e2070 61727465 73207472 6573");
        DecodeResult<RtpPacket> r = decodeEveryLayout(packet);
        RtpPacket p = ((DecodeResult.Ok<RtpPacket>) r).value();
        assertThat(p.payloadType()).isEqualTo(64);
        assertThat(p.marker()).isFalse();
        assertThat(p.sequenceNumber()).isEqualTo(0xf17b);
        assertThat(p.timestamp()).isEqualTo(0x8041f8d3L);
        assertThat(p.ssrc()).isEqualTo(0x5501a0b2L);
        assertThat(p.csrcs()).isEmpty();
        assertThat(p.extension()).isEmpty();
        assertThat(p.payloadOffset()).isEqualTo(12);
        assertThat(p.payloadLength()).isEqualTo(38);
        assertThat(((DecodeResult.Ok<RtpPacket>) r).consumed()).isEqualTo(50);
    }

    @Test
    void csrcsOneByteExtensionWithPaddingAndRtpPadding() {
        // V=2 P=1 X=1 CC=2, M=1 PT=0; extension 0xBEDE, 3 words: 0x11 = id 1 with L=1 (2 octets), a
        // padding octet, 0x23 = id 2 with L=3 (4 octets), 3 padding octets. Then 2 payload octets, 3 padding.
        byte[] packet = hex("b2 80 0001 00000002 00000003 0000000a 0000000b"
                + " bede 0003 11 aabb 00 23 01020304 000000"
                + " cafe 0000 03");
        RtpPacket p = ((DecodeResult.Ok<RtpPacket>) decodeEveryLayout(packet)).value();
        assertThat(p.marker()).isTrue();
        assertThat(p.csrcs()).containsExactly(10L, 11L);
        RtpHeaderExtension ext = p.extension().orElseThrow();
        assertThat(ext.isOneByte()).isTrue();
        assertThat(ext.length()).isEqualTo(12);
        assertThat(ext.elements()).containsExactly(new HeaderExtensionElement(1, hex("aabb")),
                new HeaderExtensionElement(2, hex("01020304")));
        assertThat(p.payloadOffset()).isEqualTo(12 + 8 + 4 + 12);
        assertThat(p.paddingLength()).isEqualTo(3);
        assertThat(p.payloadLength()).isEqualTo(2);
    }

    @Test
    void oneByteIdFifteenStopsProcessing() {
        byte[] packet = hex("90 00 0001 00000002 00000003 bede 0001 10 aa f0 11");
        RtpHeaderExtension ext = ((DecodeResult.Ok<RtpPacket>) decodeEveryLayout(packet)).value().extension().orElseThrow();
        assertThat(ext.elements()).containsExactly(new HeaderExtensionElement(1, hex("aa")));
    }

    @Test
    void twoByteFormWithAppBitsAndZeroLengthElement() {
        byte[] packet = hex("90 00 0001 00000002 00000003 1005 0002 07 00 00 08 03 010203 00");
        RtpHeaderExtension ext = ((DecodeResult.Ok<RtpPacket>) decodeEveryLayout(packet)).value().extension().orElseThrow();
        assertThat(ext.isTwoByte()).isTrue();
        assertThat(ext.appBits()).isEqualTo(5);
        assertThat(ext.elements()).containsExactly(new HeaderExtensionElement(7, new byte[0]),
                new HeaderExtensionElement(8, hex("010203")));
    }

    @Test
    void otherExtensionProfilesStayOpaque() {
        byte[] packet = hex("90 00 0001 00000002 00000003 abcd 0001 deadbeef");
        RtpHeaderExtension ext = ((DecodeResult.Ok<RtpPacket>) decodeEveryLayout(packet)).value().extension().orElseThrow();
        assertThat(ext.profile()).isEqualTo(0xabcd);
        assertThat(ext.elements()).isEmpty();
    }

    @Test
    void malformedPacketsAreTypedErrors() {
        assertThat(decodeEveryLayout(hex("8000"))).isEqualTo(DecodeResult.malformed("too-short", 2));
        assertThat(decodeEveryLayout(hex("40 00 0001 00000002 00000003"))).isEqualTo(DecodeResult.malformed("bad-version", 0));
        assertThat(decodeEveryLayout(hex("81 00 0001 00000002 00000003"))).isEqualTo(DecodeResult.malformed("csrc-overrun", 12));
        assertThat(decodeEveryLayout(hex("90 00 0001 00000002 00000003 bede")))
                .isEqualTo(DecodeResult.malformed("extension-overrun", 14));
        assertThat(decodeEveryLayout(hex("90 00 0001 00000002 00000003 bede 0002 00000000")))
                .isEqualTo(DecodeResult.malformed("extension-overrun", 20));
        assertThat(decodeEveryLayout(hex("90 00 0001 00000002 00000003 bede 0001 33 aabbcc")))
                .isEqualTo(DecodeResult.malformed("extension-element-overrun", 17));
        assertThat(decodeEveryLayout(hex("a0 00 0001 00000002 00000003 00")))
                .isEqualTo(DecodeResult.malformed("bad-padding", 12));
        assertThat(decodeEveryLayout(hex("a0 00 0001 00000002 00000003 0005")))
                .isEqualTo(DecodeResult.malformed("bad-padding", 13));
    }

    @Test
    void builderOutputDecodesBack() {
        RtpPacketBuilder b = new RtpPacketBuilder().marker(true).payloadType(111).sequenceNumber(65535)
                .timestamp(0xfffffff0L).ssrc(0xdeadbeefL).addCsrc(1).addCsrc(0xffffffffL)
                .addExtension(3, hex("0102")).addExtension(14, new byte[16]);
        ByteBuf out = Unpooled.buffer();
        b.writeTo(out, Unpooled.wrappedBuffer(hex("a1a2a3")));
        RtpPacket p = ((DecodeResult.Ok<RtpPacket>) DECODER.decode(out)).value();
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(111);
        assertThat(p.sequenceNumber()).isEqualTo(65535);
        assertThat(p.timestamp()).isEqualTo(0xfffffff0L);
        assertThat(p.ssrc()).isEqualTo(0xdeadbeefL);
        assertThat(p.csrcs()).containsExactly(1L, 0xffffffffL);
        assertThat(p.extension().orElseThrow().isOneByte()).isTrue();
        assertThat(p.extension().orElseThrow().elements()).containsExactly(new HeaderExtensionElement(3, hex("0102")),
                new HeaderExtensionElement(14, new byte[16]));
        assertThat(ByteBufUtil.getBytes(out, p.payloadOffset(), p.payloadLength())).isEqualTo(hex("a1a2a3"));

        ByteBuf two = Unpooled.buffer();
        new RtpPacketBuilder().addExtension(200, new byte[0]).writeTo(two, Unpooled.EMPTY_BUFFER);
        RtpHeaderExtension ext = ((DecodeResult.Ok<RtpPacket>) DECODER.decode(two)).value().extension().orElseThrow();
        assertThat(ext.isTwoByte()).isTrue();
        assertThat(ext.elements()).containsExactly(new HeaderExtensionElement(200, new byte[0]));
        assertThat(List.of(ext.length() % 4)).containsExactly(0);
    }
}
