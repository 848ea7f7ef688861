package dev.sotto.vectors.bench;

import dev.sotto.engine.otr.EncryptedState;
import dev.sotto.engine.otr.OtrConfig;
import dev.sotto.engine.otr.OtrPolicy;
import dev.sotto.engine.otr.OtrSession;
import dev.sotto.engine.otr.OtrStep;
import dev.sotto.engine.sansio.Output;
import dev.sotto.vectors.otr.LibotrPeer;
import dev.sotto.vectors.otr.OtrTestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * OTR: a full AKE (query to both sides private, DSA-1024 signatures and 1536-bit D-H) and encrypt+decrypt
 * of a 100-byte message, Sotto in-process side by side with libotr 4.1.1 doing the same in the C peer
 * (two accounts of one process; the peer times itself and JMH also times the pipe round trip).
 * Run: mvn -B -pl testvectors -am -Pbench -DskipTests test-compile exec:exec -Dbench.args='OtrBench'
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class OtrBench {

    private static final String MESSAGE_100 = "0123456789".repeat(10);

    private LibotrPeer peer;
    private Path dir;
    private SecureRandom random;
    private OtrSession alice;
    private OtrSession bob;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        random = OtrTestKeys.random(42);
        dir = Files.createTempDirectory("otrbench");
        Path harness = Path.of(System.getProperty("sotto.native.otrpeer", "target/native/otrpeer"));
        peer = new LibotrPeer(harness, dir, 2);
        check(peer.command("BENCH_SETUP", "0"));
        OtrSession[] pair = ake();
        alice = pair[0];
        bob = pair[1];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        peer.close();
    }

    private static void check(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).startsWith("BENCH ")) {
            throw new IllegalStateException("libotr benchmark failed: " + lines);
        }
    }

    private OtrSession[] ake() {
        OtrSession a = OtrSession.create(OtrConfig.of(0x1000, OtrTestKeys.key(0)).withPolicy(OtrPolicy.MANUAL));
        OtrSession b = OtrSession.create(OtrConfig.of(0x2000, OtrTestKeys.key(1)).withPolicy(OtrPolicy.MANUAL));
        Deque<String> toB = new ArrayDeque<>();
        Deque<String> toA = new ArrayDeque<>();
        a = collect(a.start(0), toB);
        while (!toA.isEmpty() || !toB.isEmpty()) {
            if (!toB.isEmpty()) {
                b = collect(b.receive(toB.poll(), 0, random), toA);
            }
            if (!toA.isEmpty()) {
                a = collect(a.receive(toA.poll(), 0, random), toB);
            }
        }
        if (!(a.messageState() instanceof EncryptedState) || !(b.messageState() instanceof EncryptedState)) {
            throw new IllegalStateException("AKE failed");
        }
        return new OtrSession[] {a, b};
    }

    private static OtrSession collect(OtrStep step, Deque<String> out) {
        for (Output o : step.outputs().list()) {
            if (o instanceof Output.Send s) {
                out.add(new String(s.bytes(), StandardCharsets.UTF_8));
            }
        }
        return step.session();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public OtrSession[] sottoAke() {
        return ake();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<String> libotrAke() {
        return peer.command("BENCH_AKE", "1");
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public OtrSession sottoEncryptDecrypt100() {
        OtrStep sent = alice.send(MESSAGE_100, 0, random);
        alice = sent.session();
        String wire = new String(((Output.Send) sent.outputs().list().get(0)).bytes(), StandardCharsets.UTF_8);
        bob = bob.receive(wire, 0, random).session();
        return bob;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(1000)
    public List<String> libotrEncryptDecrypt100() {
        return peer.command("BENCH_MSG", "1000");
    }
}
