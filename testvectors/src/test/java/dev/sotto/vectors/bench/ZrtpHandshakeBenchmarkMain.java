package dev.sotto.vectors.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ZrtpHandshakeBenchmark} (median of the sampled handshakes) and, in the same run, the bzrtp harness's
 * timing mode ({@code bzrtp_peer bench --ka KA --n N}: process CPU time per bzrtp-to-bzrtp handshake), and prints
 * both per key agreement with the ratio Sotto / bzrtp.
 *
 * <pre>
 * mvn -B -pl testvectors -am -Pbench -DskipTests verify -Dbench.main=dev.sotto.vectors.bench.ZrtpHandshakeBenchmarkMain -Dbench.args=full
 * </pre>
 * {@code quick} runs shorter iterations. The harness is {@code target/native/bzrtp_peer} (built by the same
 * Maven run) unless {@code -Dsotto.native.zrtppeer} names another.
 */
public final class ZrtpHandshakeBenchmarkMain {

    private ZrtpHandshakeBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        ChainedOptionsBuilder options = new OptionsBuilder().include(ZrtpHandshakeBenchmark.class.getName() + "\\.")
                .forks(1);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(2)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> sottoMicros = new TreeMap<>();
        for (RunResult r : results) {
            // SampleTime: the 0.50 percentile of all sampled handshakes, microseconds
            double median = r.getAggregatedResult().getPrimaryResult().getStatistics().getPercentile(50);
            sottoMicros.put(r.getParams().getParam("keyAgreement"), median);
        }
        Path harness = Path.of(System.getProperty("sotto.native.zrtppeer", "target/native/bzrtp_peer"));
        ObjectMapper json = new ObjectMapper();
        System.out.println();
        System.out.println("ZRTP handshake, both endpoints, CPU per handshake (Sotto: JMH median; bzrtp: process CPU"
                + " time / N)");
        System.out.printf("%-6s %14s %14s %10s%n", "KA", "Sotto (ms)", "bzrtp (ms)", "Sotto/bzrtp");
        for (Map.Entry<String, Double> e : sottoMicros.entrySet()) {
            double bzrtpMs = Double.NaN;
            if (Files.isExecutable(harness)) {
                int n = e.getKey().equals("X255") ? 200 : 40;
                Process p = new ProcessBuilder(harness.toString(), "bench", "--ka", e.getKey(), "--n",
                        Integer.toString(n)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                p.waitFor();
                JsonNode node = json.readTree(line);
                bzrtpMs = node.path("cpuNsPerHandshake").asDouble() / 1e6;
            }
            double sottoMs = e.getValue() / 1e3;
            System.out.printf("%-6s %14.3f %14.3f %10.2f%n", e.getKey(), sottoMs, bzrtpMs, sottoMs / bzrtpMs);
        }
    }

}
