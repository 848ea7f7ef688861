package dev.sotto.codecs.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PacketDemultiplexerTest {

    private static PacketKind kind(String hex) {
        return PacketDemultiplexer.classify(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", ""))));
    }

    @Test
    void rfc7983Ranges() {
        // RFC 5769 §2.1 request header: type 0x0001, length, magic cookie.
        assertThat(kind("0001 0058 2112a442 b7e7a701 bc34d686 fa87dfae")).isEqualTo(PacketKind.STUN);
        // RFC 6189 §5: 0x10, version/seq, then the 'ZRTP' cookie and SSRC.
        assertThat(kind("1000 0001 5a525450 00000001")).isEqualTo(PacketKind.ZRTP);
        assertThat(kind("16fefd 0000000000000000")).isEqualTo(PacketKind.DTLS);
        assertThat(kind("4000 0004 deadbeef")).isEqualTo(PacketKind.TURN_CHANNEL);
        assertThat(kind("8040f17b 8041f8d3 5501a0b2")).isEqualTo(PacketKind.RTP);
        assertThat(kind("81c8000d 4d617273")).isEqualTo(PacketKind.RTCP);
        assertThat(kind("80c90001 00000001")).isEqualTo(PacketKind.RTCP);
        // PT 96 with M=1 is 0xe0 = 224: outside 192-223, RTP.
        assertThat(kind("80e00001 00000000 00000001")).isEqualTo(PacketKind.RTP);
        // PT 95 with M=1 is 0xdf = 223: the RTCP range (why RFC 5761 §4 forbids PT 64-95 for RTP).
        assertThat(kind("80df0001 00000000 00000001")).isEqualTo(PacketKind.RTCP);
    }

    @Test
    void withoutTheirCookiesStunAndZrtpAreDropped() {
        assertThat(kind("0001 0058 00000000 b7e7a701 bc34d686 fa87dfae")).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind("1000 0001 00000000 00000001")).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind("0001")).isEqualTo(PacketKind.UNKNOWN);
    }

    @Test
    void everythingElseIsUnknown() {
        assertThat(kind("")).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind("80")).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind("08")).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind("50")).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind("c0 00")).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind("ff 00")).isEqualTo(PacketKind.UNKNOWN);
    }
}
