package dev.sotto.vectors.bench;

import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.engine.sansio.Input;
import dev.sotto.engine.sansio.Output;
import dev.sotto.engine.sansio.Outputs;
import dev.sotto.engine.zrtp.InMemoryZidCache;
import dev.sotto.engine.zrtp.ZrtpConfig;
import dev.sotto.engine.zrtp.ZrtpEndpoint;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One complete ZRTP handshake (both endpoints, Hello to Conf2ACK, first call: no retained secret) in memory on
 * one thread, per key agreement: the CPU cost of the two sides together. Compare with
 * {@code bzrtp_peer bench}, which times the same for two bzrtp endpoints (see {@link ZrtpHandshakeBenchmarkMain}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ZrtpHandshakeBenchmark {

    @Param({"DH3k", "EC25", "X255"})
    public String keyAgreement;

    private ZrtpConfig config;
    private SecureRandom random;
    private final InstantSource clock = InstantSource.system();

    @Setup
    public void setup() {
        config = ZrtpConfig.defaults().withKeyAgreements(List.of(new KeyAgreementType(keyAgreement)));
        random = new SecureRandom();
    }

    @Benchmark
    public boolean handshake() {
        ZrtpEndpoint a = ZrtpEndpoint.create(config, InMemoryZidCache.withRandomZid(random), 1, random, clock);
        ZrtpEndpoint b = ZrtpEndpoint.create(config.withPassive(true), InMemoryZidCache.withRandomZid(random), 2, random,
                clock);
        return run(a, b);
    }

    /** Delivers every datagram at once to the other side until both are secure; no timer ever needs to fire. */
    static boolean run(ZrtpEndpoint a, ZrtpEndpoint b) {
        ArrayDeque<Object[]> queue = new ArrayDeque<>();
        long now = 0;
        enqueue(queue, b, a.start(now));
        enqueue(queue, a, b.start(now));
        while (!queue.isEmpty() && !(a.isSecure() && b.isSecure())) {
            Object[] next = queue.poll();
            ZrtpEndpoint to = (ZrtpEndpoint) next[0];
            Outputs out = to.handle(new Input.Received((byte[]) next[1]), ++now);
            enqueue(queue, to == a ? b : a, out);
        }
        if (!(a.isSecure() && b.isSecure())) {
            throw new IllegalStateException("handshake did not complete");
        }
        return true;
    }

    private static void enqueue(ArrayDeque<Object[]> queue, ZrtpEndpoint to, Outputs out) {
        for (Output o : out.list()) {
            if (o instanceof Output.Send s) {
                queue.add(new Object[] {to, s.bytes()});
            }
        }
    }
}
