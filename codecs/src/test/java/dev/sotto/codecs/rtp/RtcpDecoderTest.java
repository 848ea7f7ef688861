package dev.sotto.codecs.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.ByteBuf;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtcpDecoderTest {

    private static final RtcpDecoder DECODER = new RtcpDecoder(RtpLimits.DEFAULT);

    private static DecodeResult<RtcpCompoundPacket> decodeEveryLayout(byte[] datagram) {
        long seed = Splits.seed();
        DecodeResult<RtcpCompoundPacket> first = null;
        for (ByteBuf b : Splits.layouts(datagram, seed)) {
            DecodeResult<RtcpCompoundPacket> r = DECODER.decode(b);
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
    void rfc7714SenderReportWithOneReportBlock() {
        // RFC 7714 §17.1 plaintext: SR, RC=1, length field 13 (so 14 words), but only 13 words follow:
        // the RFC's example is one word short as RTCP, so a strict decoder reports the overrun.
        byte[] sr = hex("81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
                + " deadbeef deadbeef deadbeef deadbeef deadbeef");
        assertThat(decodeEveryLayout(sr)).isEqualTo(DecodeResult.malformed("length-overrun", 2));
        // With the length field corrected to 12 (13 words) it is a valid SR with one report block.
        byte[] exact = sr.clone();
        exact[3] = 0x0c;
        RtcpCompoundPacket c = ((DecodeResult.Ok<RtcpCompoundPacket>) decodeEveryLayout(exact)).value();
        SenderReport s = (SenderReport) c.packets().get(0);
        assertThat(s.ssrc()).isEqualTo(0x4d617273L);
        assertThat(s.ntpTimestamp()).isEqualTo(0x4e5450314e545032L);
        assertThat(s.rtpTimestamp()).isEqualTo(0x52545020L);
        assertThat(s.packetCount()).isEqualTo(0x42aL);
        assertThat(s.octetCount()).isEqualTo(0xe930L);
        assertThat(s.reports()).containsExactly(new ReportBlock(0x4c756e61L, 0xde, 0xadbeef - 0x1000000,
                0xdeadbeefL, 0xdeadbeefL, 0xdeadbeefL, 0xdeadbeefL));
    }

    @Test
    void compoundReceiverReportSdesByeAppAndFeedback() {
        byte[] compound = hex(
                // RR, RC=0, ssrc 1
                "80c90001 00000001"
                // SDES, SC=1: ssrc 1, CNAME "ab", end, pad to 4
                + " 81ca0003 00000001 0102 6162 00 000000"
                // BYE, SC=1, ssrc 1, reason "bye" (1+3 = 4 octets)
                + " 81cb0002 00000001 03 627965"
                // APP subtype 2, ssrc 1, name "TEST", 4 data octets
                + " 82cc0003 00000001 54455354 01020304"
                // RFC 4585 PSFB (206), FMT 1, 8-octet body
                + " 81ce0002 00000001 00000002");
        RtcpCompoundPacket c = ((DecodeResult.Ok<RtcpCompoundPacket>) decodeEveryLayout(compound)).value();
        assertThat(c.packets()).containsExactly(
                new ReceiverReport(1, java.util.List.of(), 0),
                new SourceDescription(java.util.List.of(new SdesChunk(1, java.util.List.of(new SdesItem(1, "ab"))))),
                new Goodbye(java.util.List.of(1L), Optional.of("bye")),
                new ApplicationDefined(2, 1, "TEST", 4),
                new UnknownRtcpPacket(206, 1, 8));
    }

    @Test
    void malformedCompoundsAreTypedErrors() {
        assertThat(decodeEveryLayout(hex("80c9"))).isEqualTo(DecodeResult.malformed("too-short", 2));
        assertThat(decodeEveryLayout(hex("81ca0001 00000001"))).isEqualTo(DecodeResult.malformed("first-packet-not-sr-or-rr", 1));
        assertThat(decodeEveryLayout(hex("80c90002 00000001"))).isEqualTo(DecodeResult.malformed("length-overrun", 2));
        assertThat(decodeEveryLayout(hex("81c90001 00000001"))).isEqualTo(DecodeResult.malformed("rr-too-short", 4));
        assertThat(decodeEveryLayout(hex("a0c90001 00000001 80c90001 00000001")))
                .isEqualTo(DecodeResult.malformed("padding-not-in-last-packet", 0));
        assertThat(decodeEveryLayout(hex("80c90001 00000001 a0c90001 00000009")))
                .isEqualTo(DecodeResult.malformed("bad-padding", 15));
        assertThat(decodeEveryLayout(hex("80c90001 00000001 81ca0002 00000001 0105 6162")))
                .isEqualTo(DecodeResult.malformed("sdes-item-overrun", 16));
        assertThat(decodeEveryLayout(hex("80c90001 00000001 80c90001"))).isEqualTo(DecodeResult.malformed("length-overrun", 10));
    }

    @Test
    void paddingInTheLastPacketIsRemoved() {
        // BYE with P=1, SC=1, then 4 padding octets whose last says 4.
        byte[] p = hex("80c90001 00000001 a1cb0002 00000001 00000004");
        RtcpCompoundPacket c = ((DecodeResult.Ok<RtcpCompoundPacket>) decodeEveryLayout(p)).value();
        assertThat(c.packets().get(1)).isEqualTo(new Goodbye(java.util.List.of(1L), Optional.empty()));
    }
}
