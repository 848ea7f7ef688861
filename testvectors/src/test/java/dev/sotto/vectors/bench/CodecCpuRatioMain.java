package dev.sotto.vectors.bench;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.sip.HeaderField;
import dev.sotto.codecs.sip.SipMessage;
import dev.sotto.codecs.sip.SipParser;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;

/**
 * A companion to the JMH benchmarks for a shared, loaded machine: the same work as {@link SipParseBenchmark}
 * and {@link XmppDecodeBenchmark}, ours and the peer's interleaved in short slices in one JVM, each slice
 * timed by this thread's CPU time (not wall time), and the ratio ours/peer taken per slice pair. JMH runs one
 * benchmark after the other, so a load swing between them moves its ratio; here both sides see the same
 * moments. Prints the median ratio and the interquartile range, and each side's median CPU time per operation. Not a replacement for JMH (no forks, no
 * blackholes beyond a volatile sink): a cross-check of its ratios when the load average is far above the cores.
 * Run: {@code mvn -B -pl testvectors -am -Pbench -DskipTests verify
 * -Dbench.main=dev.sotto.vectors.bench.CodecCpuRatioMain -Dbench.args='sip 25'} (or {@code xmpp 25}).
 */
public final class CodecCpuRatioMain {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    private CodecCpuRatioMain() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "sip";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        System.out.println("load: " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                + " on " + Runtime.getRuntime().availableProcessors() + " cores");
        if (what.equals("sip")) {
            SipParseBenchmark b = new SipParseBenchmark();
            b.setup();
            pair("SIP parse (sotto/jainSip)", b::sotto, b::jainSip, rounds);
            pair("SIP parse + read typed headers (main figure)", b::sottoReadTyped, b::jainSipReadTyped, rounds);
            byte[][] corpus = SipCorpus.bytes();
            SipParser ours = SipParser.defaults();
            StringMsgParser theirs = new StringMsgParser();
            int[] next = new int[2];
            pair("SIP parse + every header as a String / header object", () -> {
                byte[] m = corpus[next[0]++ % corpus.length];
                SipMessage msg = ((DecodeResult.Ok<SipMessage>) ours.parseDatagram(m)).value();
                int n = 0;
                for (HeaderField f : msg.headers().fields()) {
                    n += f.value().length();
                }
                return n;
            }, () -> {
                byte[] m = corpus[next[1]++ % corpus.length];
                SIPMessage msg = theirs.parseSIPMessage(m, true, false, null);
                int n = 0;
                for (Iterator<SIPHeader> hs = msg.getHeaders(); hs.hasNext(); ) {
                    sink = hs.next();
                    n++;
                }
                return n;
            }, rounds);
        } else {
            XmppDecodeBenchmark b = new XmppDecodeBenchmark();
            b.setup();
            pair("XMPP steady (sotto/aalto)", b::sottoSteady, b::aaltoSteady, rounds);
            pair("XMPP new stream (sotto/aalto)", b::sottoStream, b::aaltoStream, rounds);
        }
    }

    /**
     * Operations per CPU nanosecond of this thread, running {@code c} for about {@code cpuNanos}, reading the clock
     * once per {@code batch} operations. The clock is a system call (getCurrentThreadCpuTime: about 0.7 µs here), and
     * its cost lands in the measured time: at 16 operations per read it added some 45 ns to each operation of either
     * side, which pulls a ratio of two speeds towards 1.
     */
    private static double rate(Callable<?> c, long cpuNanos, int batch) throws Exception {
        long n = 0;
        long t0 = MX.getCurrentThreadCpuTime();
        long t;
        while ((t = MX.getCurrentThreadCpuTime()) - t0 < cpuNanos) {
            for (int k = 0; k < batch; k++) {
                sink = c.call();
            }
            n += batch;
        }
        return n / (double) (t - t0);
    }

    /** Operations per clock read so that a batch takes about 200 µs (the clock then costs under 0.5%). */
    private static int batch(double opsPerNano) {
        return (int) Math.max(16, Math.min(1 << 16, 200_000 * opsPerNano));
    }

    private static void pair(String name, Callable<?> ours, Callable<?> peer, int rounds) throws Exception {
        int oursBatch = 16;
        int peerBatch = 16;
        for (int w = 0; w < 10; w++) {
            oursBatch = batch(rate(ours, 300_000_000L, oursBatch));
            peerBatch = batch(rate(peer, 300_000_000L, peerBatch));
        }
        double[] r = new double[rounds];
        double[] oursNs = new double[rounds];
        double[] peerNs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            double o = rate(ours, 150_000_000L, oursBatch);
            double p = rate(peer, 150_000_000L, peerBatch);
            r[i] = o / p;
            oursNs[i] = 1 / o;
            peerNs[i] = 1 / p;
        }
        Arrays.sort(r);
        Arrays.sort(oursNs);
        Arrays.sort(peerNs);
        // Each side's own CPU time per operation as well: the peer's speed can differ from one JVM to the next (JAIN-SIP
        // runs at one of two levels), which moves the ratio while ours stays where it was.
        System.out.printf("%s: ratio median %.2f, interquartile %.2f..%.2f (%d interleaved rounds, thread CPU time); "
                        + "CPU ns per operation, median: ours %.0f, peer %.0f%n",
                name, r[rounds / 2], r[rounds / 4], r[3 * rounds / 4], rounds, oursNs[rounds / 2], peerNs[rounds / 2]);
    }
}
