package dev.sotto.vectors.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SrtpBenchmark} with the GC profiler and prints Sotto and libsrtp2 side by side: the median
 * of the measurement iterations in packets/s, the ratio Sotto / libsrtp, and Sotto's bytes allocated per
 * packet.
 *
 * <pre>
 * mvn -B -pl testvectors -am -Pbench -DskipTests verify -Dbench.main=dev.sotto.vectors.bench.SrtpBenchmarkMain -Dbench.args=full
 * </pre>
 * {@code -Dbench.args=quick} runs shorter iterations to check the setup.
 */
public final class SrtpBenchmarkMain {

    private SrtpBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(SrtpBenchmark.class.getName() + "\\.")
                .addProfiler(GCProfiler.class)
                .forks(1)
                .resultFormat(ResultFormatType.JSON)
                .result("target/jmh-srtp.json");
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        // profile -> benchmark method -> (median packets/s, bytes/packet)
        Map<String, Map<String, double[]>> table = new TreeMap<>();
        for (RunResult r : results) {
            BenchmarkResult b = r.getAggregatedResult();
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            String profile = r.getParams().getParam("profile");
            List<Double> scores = new ArrayList<>();
            for (IterationResult it : b.getIterationResults()) {
                scores.add(it.getPrimaryResult().getScore());
            }
            double alloc = Double.NaN;
            for (Map.Entry<String, Result> e : b.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    alloc = e.getValue().getScore();
                }
            }
            table.computeIfAbsent(profile, k -> new TreeMap<>()).put(method, new double[] {median(scores), alloc});
        }
        System.out.println();
        System.out.println("SRTP, 172-octet RTP packets, one thread; medians of the measurement iterations");
        System.out.printf("%-24s %-10s %16s %16s %8s %14s%n", "profile", "operation", "Sotto pkts/s", "libsrtp pkts/s",
                "ratio", "Sotto B/pkt");
        for (Map.Entry<String, Map<String, double[]>> e : table.entrySet()) {
            for (String op : new String[] {"Protect", "Unprotect"}) {
                double[] sotto = e.getValue().get("sotto" + op);
                double[] lib = e.getValue().get("libsrtp" + op);
                if (sotto == null || lib == null) {
                    continue;
                }
                System.out.printf("%-24s %-10s %,16.0f %,16.0f %7.2fx %14.3f%n", e.getKey(), op.toLowerCase(), sotto[0],
                        lib[0], sotto[0] / lib[0], sotto[1]);
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
