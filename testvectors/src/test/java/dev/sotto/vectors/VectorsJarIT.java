package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code sotto-vectors.jar} (built in the package phase, hence an IT): starts with plain
 * {@code java -jar}, reads its manifest version and discovers providers through the merged
 * service files.
 */
class VectorsJarIT {

  @TempDir Path workDir;

  private static Path jar() {
    // Surefire and Failsafe set basedir to the module directory.
    Path jar = Path.of(System.getProperty("basedir", "."), "target", "sotto-vectors.jar");
    assertThat(jar).as("run mvn verify: the package phase builds it").isRegularFile();
    return jar;
  }

  @Test
  void version() throws Exception {
    ChildJvm.Result result = ChildJvm.runJar(jar(), workDir, List.of(), "--version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).matches("sotto-vectors \\d+\\.\\d+\\S*\\R");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void validateRunsTheShippedSuites() throws Exception {
    ChildJvm.Result result = ChildJvm.runJar(jar(), workDir, List.of(), "validate");

    assertThat(result.out()).as(result.toString()).startsWith("SUITE").containsPattern("\\d+ suites?, ");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.desktopClasses()).isEmpty();
  }

  @Test
  void parseReadsAFile() throws Exception {
    Path input = Files.writeString(workDir.resolve("input"), "x");
    ChildJvm.Result result =
        ChildJvm.runJar(jar(), workDir, List.of(), "parse", "no-such-codec", input.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("unknown codec 'no-such-codec'; available:");
  }
}
