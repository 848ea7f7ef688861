package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.persistence.vault.Vault;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, crash: a child JVM appends as fast as it can and prints each position once durable; it is
 * killed with SIGKILL at random moments. After each kill the vault reopens, every reported position holds
 * exactly what was reported, and verify passes. 20 trials by default; {@code -Dsotto.crash.trials=1000}.
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void everyReportedPositionSurvivesSigkill() throws Exception {
        int trials = Integer.getInteger("sotto.crash.trials", 20);
        long seed = Long.getLong("sotto.test.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        Path vaultDir = dir.resolve("vault");
        Map<Long, String> reported = new HashMap<>();
        long totalReported = 0;
        for (int trial = 0; trial < trials; trial++) {
            Process child = startChild(vaultDir, "t" + trial);
            Map<Long, String> thisTrial = new HashMap<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(in.readLine()).as("seed %d trial %d: child starts", seed, trial).isEqualTo("ready");
                long killAfterNanos = TimeUnit.MILLISECONDS.toNanos(50 + random.nextInt(600));
                long start = System.nanoTime();
                String line;
                // Read what the child reports until the deadline, then kill it mid-stream.
                while ((line = in.readLine()) != null) {
                    int space = line.indexOf(' ');
                    thisTrial.put(Long.parseLong(line.substring(space + 1)), line.substring(0, space));
                    if (System.nanoTime() - start > killAfterNanos) {
                        // SIGKILL on Linux; through the handle so our end of the pipe stays readable.
                        child.toHandle().destroyForcibly();
                        break;
                    }
                }
                // Lines already in the pipe were reported durable before the kill: take them too.
                while ((line = in.readLine()) != null) {
                    int space = line.indexOf(' ');
                    if (space > 0) {
                        thisTrial.put(Long.parseLong(line.substring(space + 1)), line.substring(0, space));
                    }
                }
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            reported.putAll(thisTrial);
            totalReported += thisTrial.size();

            Map<Long, String> found = new HashMap<>();
            try (Vault vault = Vault.open(vaultDir, "crash test passphrase".toCharArray(), new java.security.SecureRandom(),
                    java.time.Clock.systemUTC(), false)) {
                VerifyReport report = vault.log().verify();
                assertThat(report.intact()).as("seed %d trial %d: %s", seed, trial, report).isTrue();
                vault.log().replay(0, r -> found.put(r.position(), new String(r.payload(), StandardCharsets.UTF_8)));
            }
            for (Map.Entry<Long, String> e : reported.entrySet()) {
                assertThat(found.get(e.getKey())).as("seed %d trial %d: position %d", seed, trial, e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(totalReported).as("children reported appends").isGreaterThan(trials);
    }

    private static Process startChild(Path vaultDir, String prefix) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashWriter.class.getName());
        cmd.add(vaultDir.toString());
        cmd.add(prefix);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
