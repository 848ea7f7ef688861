package dev.sotto.codecs.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlvCodecTest {

    private static DataPlaintext ok(byte[] b) {
        return ((DecodeResult.Ok<DataPlaintext>) TlvCodec.decode(b, OtrLimits.DEFAULT)).value();
    }

    @Test
    void specTlvExamples() {
        // OTR v3 "Data Message": "\x00\x01\x00\x00" (type 1, no data) and "\x00\x00\x00\x05hello" (type 0).
        byte[] b = {'h', 'i', 0, 0, 1, 0, 0, 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'};
        DataPlaintext p = ok(b);
        assertThat(new String(p.message(), StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(p.tlvs()).extracting(Tlv::type).containsExactly(1, 0);
        assertThat(p.tlvs().get(1).value()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(TlvCodec.encode("hi".getBytes(StandardCharsets.UTF_8), p.tlvs())).isEqualTo(b);
    }

    @Test
    void heartbeatAndNoTlvs() {
        assertThat(ok(new byte[0]).isHeartbeat()).isTrue();
        assertThat(ok(new byte[] {0, 0, 1, 0, 0}).isHeartbeat()).isTrue();
        assertThat(ok("text".getBytes(StandardCharsets.UTF_8)).tlvs()).isEmpty();
    }

    @Test
    void everyTruncationOfATlvIsMalformed() {
        byte[] b = {'x', 0, 0, 8, 0, 4, 1, 2, 3, 4};
        for (int i = 3; i < b.length; i++) {
            assertThat(TlvCodec.decode(java.util.Arrays.copyOf(b, i), OtrLimits.DEFAULT)).as("length " + i)
                    .isInstanceOf(DecodeResult.Malformed.class);
        }
        assertThat(ok(b).tlvs()).hasSize(1);
        byte[] many = new byte[1 + 4 * 65];
        assertThat(TlvCodec.decode(many, OtrLimits.DEFAULT)).isEqualTo(DecodeResult.malformed("too many TLVs", 1 + 4 * 64));
    }

    @Test
    void smpMpiCountMustMatch() {
        byte[] v = SmpTlvCodec.encode(List.of(BigInteger.TWO, BigInteger.TEN));
        assertThat(SmpTlvCodec.decode(v, 0, 2, OtrLimits.DEFAULT)).isInstanceOf(DecodeResult.Ok.class);
        assertThat(SmpTlvCodec.decode(v, 0, 3, OtrLimits.DEFAULT)).isInstanceOf(DecodeResult.Malformed.class);
        for (int i = 0; i < v.length; i++) {
            assertThat(SmpTlvCodec.decode(java.util.Arrays.copyOf(v, i), 0, 2, OtrLimits.DEFAULT))
                    .isInstanceOf(DecodeResult.Malformed.class);
        }
    }
}
