package dev.sotto.codecs.zrtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The committed fuzz seed corpus holds one valid packet per message type (and a last octet 0x00: Jazzer's
 * FuzzedDataProvider takes primitives from the end, so it becomes the "do not fix the CRC" boolean). Regenerate with {@code -Dsotto.zrtp.writeCorpus=DIR}.
 */
class ZrtpCorpusTest {

    static String fileName(ZrtpMessage m) {
        String base = m.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (m instanceof CommitMessage c) {
            base += "-" + c.keyAgreement().name().toLowerCase(Locale.ROOT);
        }
        return base;
    }

    @Test
    void corpusHoldsOneValidPacketPerType() throws IOException {
        String dir = System.getProperty("sotto.zrtp.writeCorpus");
        ZrtpDecoder decoder = new ZrtpDecoder(ZrtpLimits.DEFAULT);
        java.util.Set<ZrtpMessageType> seen = java.util.EnumSet.noneOf(ZrtpMessageType.class);
        for (ZrtpMessage m : dir == null ? java.util.List.<ZrtpMessage>of() : ZrtpSamples.all()) {
            byte[] packet = ZrtpSamples.packet(m);
            byte[] input = new byte[packet.length + 1];
            System.arraycopy(packet, 0, input, 0, packet.length);
            java.nio.file.Files.write(java.nio.file.Path.of(dir, fileName(m)), input);
        }
        for (ZrtpMessage m : ZrtpSamples.all()) {
            byte[] packet = ZrtpSamples.packet(m);
            try (InputStream in = getClass().getResourceAsStream("ZrtpFuzzTestInputs/zrtpPacket/" + fileName(m))) {
                assertThat(in).as(fileName(m)).isNotNull();
                byte[] stored = in.readAllBytes();
                DecodeResult<ZrtpPacket> d = decoder.decode(Arrays.copyOf(stored, stored.length - 1));
                assertThat(d).as(fileName(m)).isInstanceOf(DecodeResult.Ok.class);
                seen.add(((DecodeResult.Ok<ZrtpPacket>) d).value().message().type());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(ZrtpMessageType.values());
    }
}
