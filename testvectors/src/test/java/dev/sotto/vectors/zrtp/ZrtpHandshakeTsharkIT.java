package dev.sotto.vectors.zrtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.engine.sansio.Input;
import dev.sotto.engine.sansio.Output;
import dev.sotto.engine.sansio.Outputs;
import dev.sotto.engine.zrtp.InMemoryZidCache;
import dev.sotto.engine.zrtp.ZrtpConfig;
import dev.sotto.engine.zrtp.ZrtpEndpoint;
import dev.sotto.vectors.peers.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture of real Sotto handshakes (a DH3k first stream, then a Multistream second stream of the same call),
 * written as pcap and dissected by tshark: every ZRTP message is named, every CRC is good, nothing is malformed.
 */
class ZrtpHandshakeTsharkIT {

    private static final int PORT_A = 5004;
    private static final int PORT_B = 6004;

    @TempDir
    Path tmp;

    /** A datagram and who sent it. */
    private record Frame(boolean fromA, byte[] bytes) {}

    private static void pump(ZrtpEndpoint a, ZrtpEndpoint b, List<Frame> capture) {
        ArrayDeque<Frame> queue = new ArrayDeque<>();
        collect(queue, true, a.start(0));
        collect(queue, false, b.start(0));
        long now = 0;
        while (!queue.isEmpty()) {
            Frame f = queue.poll();
            capture.add(f);
            ZrtpEndpoint to = f.fromA() ? b : a;
            collect(queue, !f.fromA(), to.handle(new Input.Received(f.bytes()), now += 1_000_000L));
        }
        assertThat(a.isSecure() && b.isSecure()).as("handshake completed").isTrue();
    }

    private static void collect(ArrayDeque<Frame> queue, boolean fromA, Outputs out) {
        for (Output o : out.list()) {
            if (o instanceof Output.Send s) {
                queue.add(new Frame(fromA, s.bytes()));
            }
        }
    }

    private static String tshark(Path tshark, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tshark.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void tsharkDissectsAFullHandshakeAndAMultistreamStream() throws Exception {
        Path tshark = Peers.requireTool("tshark");
        SecureRandom random = new SecureRandom();
        ZrtpConfig c = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.DH3K));
        InMemoryZidCache cacheA = InMemoryZidCache.withRandomZid(random);
        InMemoryZidCache cacheB = InMemoryZidCache.withRandomZid(random);
        ZrtpEndpoint a = ZrtpEndpoint.create(c, cacheA, 0xA0D10001L, random, InstantSource.system());
        ZrtpEndpoint b = ZrtpEndpoint.create(c.withPassive(true), cacheB, 0xB0D10001L, random, InstantSource.system());
        List<Frame> capture = new ArrayList<>();
        pump(a, b, capture);
        ZrtpEndpoint va = ZrtpEndpoint.multistream(c, cacheA, 0xA0D10002L, a.session().orElseThrow(), random,
                InstantSource.system());
        ZrtpEndpoint vb = ZrtpEndpoint.multistream(c.withPassive(true), cacheB, 0xB0D10002L, b.session().orElseThrow(),
                random, InstantSource.system());
        pump(va, vb, capture);

        PcapWriter w = new PcapWriter();
        List<String> expectedTypes = new ArrayList<>();
        for (Frame f : capture) {
            w.udp(f.fromA() ? PORT_A : PORT_B, f.fromA() ? PORT_B : PORT_A, f.bytes());
            expectedTypes.add(new String(f.bytes(), 16, 8, StandardCharsets.US_ASCII).trim());
        }
        Path pcap = tmp.resolve("sotto-zrtp-handshake.pcap");
        w.write(pcap);
        String decodeAs = "udp.port==" + PORT_A + ",zrtp";

        String fields = tshark(tshark, "-r", pcap.toString(), "-d", decodeAs, "-T", "fields", "-e", "zrtp.type",
                "-e", "zrtp.checksum.status");
        List<String> lines = fields.lines().collect(Collectors.toList());
        assertThat(lines).as(fields).hasSize(capture.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertThat(f[0].trim()).as("frame " + (i + 1)).isEqualTo(expectedTypes.get(i));
            assertThat(f[1]).as("CRC of frame " + (i + 1)).isEqualTo("1"); // Wireshark: 1 = Good
        }
        assertThat(expectedTypes).contains("Hello", "HelloACK", "Commit", "DHPart1", "DHPart2", "Confirm1",
                "Confirm2", "Conf2ACK");
        assertThat(expectedTypes.stream().filter("Commit"::equals).count()).isEqualTo(2); // DH, then Mult

        String verbose = tshark(tshark, "-r", pcap.toString(), "-d", decodeAs, "-V");
        assertThat(verbose.split("\nZRTP protocol", -1).length - 1).isEqualTo(capture.size());
        assertThat(verbose).doesNotContain("[Malformed Packet").doesNotContain("Expert Info (Error")
                .doesNotContain("Expert Info (Warn").contains("Key Agreement: DH mode with p=3072 bit prime")
                .contains("Key Agreement: Multistream mode");
    }
}
