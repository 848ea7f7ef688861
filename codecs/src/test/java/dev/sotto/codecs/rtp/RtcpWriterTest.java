package dev.sotto.codecs.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtcpWriterTest {

    @Test
    void writesTheBytesWorkedOutByHand() {
        ByteBuf out = Unpooled.buffer();
        RtcpWriter.write(new ReceiverReport(1, List.of(), 0), out);
        RtcpWriter.write(new SourceDescription(List.of(new SdesChunk(1, List.of(new SdesItem(1, "ab"))))), out);
        RtcpWriter.write(new Goodbye(List.of(1L), Optional.of("bye")), out);
        // The same compound as RtcpDecoderTest's, computed by hand from RFC 3550 §6.4.2, §6.5, §6.6.
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(
                "80c9000100000001" + "81ca0003000000010102616200000000" + "81cb000200000001" + "03627965");
    }

    @Test
    void senderReportWithBlocksDecodesBack() {
        SenderReport sr = new SenderReport(0xdeadbeefL, 0x0123456789abcdefL, 0xfffffff0L, 7, 1120,
                List.of(new ReportBlock(42, 25, -3, 0x1_0005L, 9, 0x11223344L, 65536),
                        new ReportBlock(43, 0, 0x7fffff, 1, 0, 0, 0)), 0);
        ByteBuf out = Unpooled.buffer();
        RtcpWriter.write(sr, out);
        RtcpWriter.write(new Goodbye(List.of(0xdeadbeefL), Optional.empty()), out);
        RtcpCompoundPacket c = ((DecodeResult.Ok<RtcpCompoundPacket>) new RtcpDecoder(RtpLimits.DEFAULT).decode(out)).value();
        assertThat(c.packets()).containsExactly(sr, new Goodbye(List.of(0xdeadbeefL), Optional.empty()));
        assertThat(out.readableBytes()).isEqualTo(4 + 24 + 2 * 24 + 8);
        assertThat(HexFormat.of().formatHex(ByteBufUtil.getBytes(out, 0, 4))).isEqualTo("82c80012"); // 76 octets: (76 / 4) - 1 = 18
    }
}
