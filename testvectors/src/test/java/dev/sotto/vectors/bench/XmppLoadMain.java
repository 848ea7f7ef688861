package dev.sotto.vectors.bench;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load (issue 5; reported, never asserted): N accounts on ONE engine (one client event loop group) against the
 * Prosody the build starts, each sending M messages to the next account; counts arrivals and duplicates and
 * reports messages/s, p50/p99 end-to-end latency (send call to MessageReceived on the bus, same JVM clock) and
 * client heap.
 *
 * <pre>
 * bash testvectors/peers/prosody/prosody.sh start
 * mvn -B -pl testvectors -am -Pbench -DskipTests verify \
 *     -Dbench.main=dev.sotto.vectors.bench.XmppLoadMain -Dbench.args='200 50 2'
 * </pre>
 * Arguments: accounts (200), messages per account (50), event loop threads (2), offered rate in messages/s
 * (default 0: all at once, which measures throughput; a rate below it measures latency). Missing Prosody users
 * {@code load0..} are registered first with {@code prosodyctl register} (about 0.3 s each, once).
 */
public final class XmppLoadMain {

    private XmppLoadMain() {}

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int perAccount = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 0; // messages/s offered; 0 = all at once
        Path peers = Path.of(System.getProperty("sotto.peers.file", "target/peers/peers.properties"));
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(peers)) {
            p.load(in);
        }
        String host = p.getProperty("prosody.host");
        int port = Integer.parseInt(p.getProperty("prosody.c2s.port"));
        String domain = p.getProperty("prosody.domain");
        String pin = p.getProperty("prosody.cert.sha256");
        Path base = peers.getParent().resolve("prosody");
        registerUsers(base, domain, accounts);

        int total = accounts * perAccount;
        ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        long[] latencies = new long[total];
        AtomicInteger arrived = new AtomicInteger();
        CountDownLatch connected = new CountDownLatch(accounts);
        CountDownLatch allArrived = new CountDownLatch(total);
        AtomicInteger failures = new AtomicInteger();

        EngineOptions options = EngineOptions.defaults().withEventLoopThreads(threads)
                .withQueueTimeoutNanos(TimeUnit.MINUTES.toNanos(5));
        try (SottoEngine engine = SottoEngine.inMemory(options)) {
            engine.subscribe(e -> {
                if (e instanceof XmppEvent.Connected) {
                    connected.countDown();
                } else if (e instanceof XmppEvent.MessageReceived m) {
                    long now = System.nanoTime();
                    String key = m.from().bare() + " " + m.body();
                    if (!received.add(key)) {
                        duplicates.incrementAndGet();
                        return;
                    }
                    Long t0 = sentAt.get(m.from().bare() + " " + m.body());
                    int i = arrived.getAndIncrement();
                    if (t0 != null && i < latencies.length) {
                        latencies[i] = now - t0;
                    }
                    allArrived.countDown();
                } else if (e instanceof XmppEvent.MessageFailed || e instanceof XmppEvent.AuthenticationFailed) {
                    failures.incrementAndGet();
                }
            });
            Jid[] jids = new Jid[accounts];
            for (int i = 0; i < accounts; i++) {
                jids[i] = Jid.parse("load" + i + "@" + domain);
                engine.addAccount(jids[i], Secret.ofUtf8("load-pass-" + i), host, port, TlsPolicy.REQUIRED, "load");
                engine.pinCertificate(jids[i], pin);
            }
            long c0 = System.nanoTime();
            for (Jid j : jids) {
                engine.connect(j);
            }
            if (!connected.await(180, TimeUnit.SECONDS)) {
                System.out.println("only " + (accounts - connected.getCount()) + " of " + accounts + " connected");
            }
            double connectS = (System.nanoTime() - c0) / 1e9;
            System.gc();
            long heapConnected = heapUsed();

            long s0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            long sent = 0;
            for (int k = 0; k < perAccount; k++) {
                for (int i = 0; i < accounts; i++) {
                    if (rate > 0) {
                        long due = s0 + sent * 1_000_000_000L / rate; // a bench main may pace; tests never sleep
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    sent++;
                    String body = "m " + i + " " + k;
                    sentAt.put(jids[i] + " " + body, System.nanoTime());
                    engine.sendMessage(jids[i], jids[(i + 1) % accounts], body);
                }
            }
            boolean complete = allArrived.await(300, TimeUnit.SECONDS);
            double elapsedS = (System.nanoTime() - s0) / 1e9;
            double cpuS = (processCpuNanos() - cpu0) / 1e9;
            long heapPeak = peakHeap();
            System.gc();
            long heapAfter = heapUsed();

            int n = Math.min(arrived.get(), latencies.length);
            long[] l = Arrays.copyOf(latencies, n);
            Arrays.sort(l);
            System.out.printf("accounts=%d messages/account=%d loops=%d offered=%s%n", accounts, perAccount, threads,
                    rate > 0 ? rate + " messages/s" : "all at once");
            System.out.printf("connected %d/%d in %.1f s%n", accounts - connected.getCount(), accounts, connectS);
            System.out.printf("arrived %d/%d (complete=%s), duplicates %d, failures %d%n", arrived.get(), total,
                    complete, duplicates.get(), failures.get());
            System.out.printf("throughput %.0f messages/s (first send to last arrival %.2f s)%n", n / elapsedS,
                    elapsedS);
            System.out.printf("client JVM CPU during the run: %.1f s (of %.1f s wall)%n", cpuS, elapsedS);
            if (n > 0) {
                System.out.printf("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", l[n / 2] / 1e6,
                        l[Math.min(n - 1, (int) (n * 0.99))] / 1e6, l[n - 1] / 1e6);
            }
            System.out.printf("client heap: %.1f MiB after connect (post-GC), %.1f MiB after run (post-GC), "
                    + "peak %.1f MiB%n", heapConnected / 1048576.0, heapAfter / 1048576.0, heapPeak / 1048576.0);
            for (Jid j : jids) {
                engine.disconnect(j);
            }
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long heapUsed() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Registers load0..load{n-1} in our Prosody (prosodyctl, as prosody.sh does for alice, bob, carol). */
    private static void registerUsers(Path base, String domain, int n) throws Exception {
        Path config = base.resolve("prosody.cfg.lua");
        Path accountsDir = base.resolve("data").resolve(domain).resolve("accounts");
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!Files.exists(accountsDir.resolve("load" + i + ".dat"))) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            System.out.println("registering " + missing.size() + " Prosody users...");
        }
        for (int i : missing) {
            Process proc = new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", "load" + i,
                    domain, "load-pass-" + i).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (proc.waitFor() != 0) {
                throw new IllegalStateException("prosodyctl register load" + i + " failed");
            }
        }
    }
}
