package dev.sotto.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged launcher ({@code target/sotto}, README's start command) starts the app from the class data sharing
 * archive the build dumped next to the jar ({@code src/main/cds/README.md}). The JVM is told to refuse to start
 * without the archive ({@code -Xshare:on}), so an archive that no longer matches its jar (dumped before the jar was
 * shaded, or from another class path) fails here instead of silently costing the start-up its classes.
 */
class LauncherIT {
    private static final Path TARGET = Path.of("target");

    @Test
    void theLauncherStartsTheAppFromTheArchive() throws Exception {
        Path script = TARGET.resolve("sotto");
        assertThat(script).isRegularFile();
        assertThat(TARGET.resolve("sotto.jsa")).isRegularFile();
        ProcessBuilder pb = new ProcessBuilder(List.of("sh", script.toString(), "--version"));
        pb.environment().put("JDK_JAVA_OPTIONS", "-Xshare:on -Xlog:class+load=info");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile("sotto-launcher", ".out");
        Path err = Files.createTempFile("sotto-launcher", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher finishes").isTrue();
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("exit; stderr: %s", read(err)).isZero();
            // The app's own class and a dependency's, both mapped from the archive.
            assertThat(stdout).contains("dev.sotto.app.Main source: shared objects file")
                    .contains("picocli.CommandLine source: shared objects file");
            assertThat(stdout).containsPattern("(?m)^sotto \\d+\\.\\d+\\.\\d+"); // the version line itself
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}
