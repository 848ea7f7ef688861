package dev.sotto.vectors.bench;

import dev.sotto.engine.srtp.SrtpConfig;
import dev.sotto.engine.srtp.SrtpCryptoContext;
import dev.sotto.engine.srtp.SrtpProfile;
import dev.sotto.engine.srtp.SrtpStatus;
import dev.sotto.vectors.srtp.SrtpPeer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * SRTP protect and unprotect throughput for 172-octet RTP packets (12-octet header, 160-octet payload),
 * one thread, Sotto next to libsrtp2 in the same run (issue 8). Every invocation handles a batch of
 * {@link #BATCH} packets; the unprotect batch is protected beforehand in an untimed setup on both sides.
 * libsrtp runs in the C harness ({@code src/test/c/libsrtp}); its batches are timed by JMH around one
 * pipe round trip per batch (about 0.1% of a batch). Throughput is in packets per second.
 *
 * <pre>
 * mvn -B -pl testvectors -am -Pbench -DskipTests verify -Dbench.main=dev.sotto.vectors.bench.SrtpBenchmarkMain -Dbench.args=full
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 7, time = 2)
@Fork(1)
public class SrtpBenchmark {

    static final int BATCH = 10_000;
    private static final int SSRC = 0x12345678;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public String profile;

    private SrtpCryptoContext sender;
    private SrtpCryptoContext batchSender;
    private SrtpCryptoContext receiver;
    private ByteBuf packet;
    private ByteBuf[] batch;
    private int seq;
    private SrtpPeer libsrtp;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SrtpProfile p = SrtpProfile.valueOf(profile);
        byte[] key = new byte[p.masterKeyLength()];
        byte[] salt = new byte[p.masterSaltLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i + 1);
        }
        sender = SrtpCryptoContext.create(p, key, salt, SrtpConfig.DEFAULT);
        batchSender = SrtpCryptoContext.create(p, key, salt, SrtpConfig.DEFAULT);
        receiver = SrtpCryptoContext.create(p, key, salt, SrtpConfig.DEFAULT);
        packet = Unpooled.buffer(256, 256);
        batch = new ByteBuf[BATCH];
        for (int i = 0; i < BATCH; i++) {
            batch[i] = Unpooled.buffer(256, 256);
        }
        Path harness = Path.of(System.getProperty("sotto.native.srtppeer", "target/native/srtp_peer"));
        if (!Files.isExecutable(harness)) {
            throw new IllegalStateException(harness + " is missing: build testvectors first (mvn -pl testvectors -am verify)");
        }
        byte[] keyAndSalt = new byte[key.length + salt.length];
        System.arraycopy(key, 0, keyAndSalt, 0, key.length);
        libsrtp = new SrtpPeer(harness, p, keyAndSalt, keyAndSalt, 128);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        libsrtp.close();
    }

    /**
     * Untimed, before each batch: Sotto's unprotect batch (the next {@link #BATCH} packets protected by a
     * second context), or libsrtp's fresh sessions and batch. JMH's GC profiler counts allocation in this
     * setup too, so with AES-GCM Sotto's unprotect figure includes the batch's protect allocation.
     */
    @Setup(Level.Invocation)
    public void prepare(BenchmarkParams params) throws IOException {
        String method = params.getBenchmark();
        if (method.endsWith(".sottoUnprotect")) {
            for (int i = 0; i < BATCH; i++) {
                writePacket(batch[i], seq + i);
                if (batchSender.protectRtp(batch[i]) != SrtpStatus.OK) {
                    throw new IllegalStateException("protect failed");
                }
            }
        } else if (method.contains(".libsrtp")) {
            libsrtp.bench(2, BATCH);
        }
    }

    private static void writePacket(ByteBuf b, int i) {
        b.clear();
        b.writeByte(0x80).writeByte(0).writeShort(i).writeInt(i * 160).writeInt(SSRC);
        b.writerIndex(172);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int sottoProtect() {
        int ok = 0;
        for (int i = 0; i < BATCH; i++) {
            writePacket(packet, seq++);
            ok += sender.protectRtp(packet) == SrtpStatus.OK ? 1 : 0;
        }
        return ok;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int sottoUnprotect() {
        int ok = 0;
        for (int i = 0; i < BATCH; i++) {
            ok += receiver.unprotectRtp(batch[i]) == SrtpStatus.OK ? 1 : 0;
        }
        if (ok != BATCH) {
            throw new IllegalStateException("unprotect failed: " + ok);
        }
        seq += BATCH;
        return ok;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long libsrtpProtect() throws IOException {
        return libsrtp.bench(0, BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long libsrtpUnprotect() throws IOException {
        return libsrtp.bench(1, BATCH);
    }
}
