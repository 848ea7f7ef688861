package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sotto.vectors.selftest.SelftestProviders;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} over the test-only suites, discovered through ServiceLoader: selftest-pass,
 * selftest-fail (one of two cases fails) and selftest-throws (its vector file is missing).
 */
class ValidateCommandTest {

  @TempDir Path tmp;

  private ClassLoader loader;
  private Catalog catalog;

  @BeforeEach
  void discoverSelftestSuites() throws IOException {
    loader = SelftestProviders.classLoader(tmp.resolve("providers"));
    catalog = Catalog.serviceLoader(loader);
  }

  @AfterEach
  void closeLoader() throws IOException {
    ((URLClassLoader) loader).close();
  }

  @Test
  void noSuitesPrintsTheHeaderAndExitsZero() {
    CliRun run = CliRun.run(new EmptyCatalog(), "validate");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out.lines())
        .containsExactly(
            "SUITE  SOURCE   CASES  PASSED  FAILED", "0 suites, 0 cases, 0 passed, 0 failed");
  }

  @Test
  void aFailingCaseFailsTheRunAndIsListed() {
    CliRun run = CliRun.run(catalog, "validate");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    List<String> lines = run.out.lines().toList();
    assertThat(lines.get(0)).matches("SUITE\\s+SOURCE\\s+CASES\\s+PASSED\\s+FAILED");
    assertThat(lines).anyMatch(l -> l.matches("selftest-fail\\s+Sotto self-test \\(failing\\)\\s+2\\s+1\\s+1"));
    assertThat(lines).anyMatch(l -> l.matches("selftest-pass\\s+Sotto self-test\\s+2\\s+2\\s+0"));
    assertThat(lines).anyMatch(l -> l.matches("selftest-throws\\s+.*\\s+1\\s+0\\s+1"));
    assertThat(lines).contains("3 suites, 5 cases, 3 passed, 2 failed");
    assertThat(lines).contains("FAILED selftest-fail/bad: expected 01 got 02");
    assertThat(lines)
        .anyMatch(l -> l.startsWith("FAILED selftest-throws/(suite): FileNotFoundException: "));
  }

  @Test
  void suiteFilterRunsOnlyThatSuite() {
    CliRun run = CliRun.run(catalog, "validate", "--suite", "selftest-pass");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("1 suite, 2 cases, 2 passed, 0 failed").doesNotContain("selftest-fail");
  }

  @Test
  void repeatedSuiteFilter() {
    CliRun run =
        CliRun.run(catalog, "validate", "--suite", "selftest-pass", "--suite", "selftest-fail");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).contains("2 suites, 4 cases, 3 passed, 1 failed");
  }

  @Test
  void unknownSuiteIsAUsageErrorNotAnEmptyPass() {
    CliRun run = CliRun.run(catalog, "validate", "--suite", "selftest-typo");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err)
        .contains("unknown suite 'selftest-typo'")
        .contains("selftest-fail, selftest-pass, selftest-throws");
    assertThat(run.out).isEmpty();
  }

  @Test
  void jsonPrintsOneObjectPerSuite() throws IOException {
    CliRun run = CliRun.run(catalog, "validate", "--json");

    assertThat(run.exitCode).isEqualTo(1);
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : run.out.lines().toList()) {
      lines.add(mapper.readTree(line));
    }
    assertThat(lines).extracting(n -> n.get("suite").asText())
        .containsExactly("selftest-fail", "selftest-pass", "selftest-throws");
    JsonNode fail = lines.get(0);
    assertThat(fail.get("source").asText()).isEqualTo("Sotto self-test (failing)");
    assertThat(fail.get("cases").asInt()).isEqualTo(2);
    assertThat(fail.get("passed").asInt()).isEqualTo(1);
    assertThat(fail.get("failed").asInt()).isEqualTo(1);
    assertThat(fail.get("failures").get(0).get("case").asText()).isEqualTo("bad");
    assertThat(fail.get("failures").get(0).get("reason").asText()).isEqualTo("expected 01 got 02");
    assertThat(lines.get(1).get("failures")).isEmpty();
  }

  @Test
  void dirReplacesTheJarResources() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("vectors/selftest"));
    Files.writeString(dir.resolve("hello.txt"), "edited\n");

    CliRun run =
        CliRun.run(catalog, "validate", "--suite", "selftest-pass", "--dir", tmp.resolve("vectors").toString());

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    assertThat(run.out).contains("FAILED selftest-pass/hello: unexpected content of selftest/hello.txt");
  }

  @Test
  void dirWithTheSameContentPasses() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("vectors/selftest"));
    Files.writeString(dir.resolve("hello.txt"), "hello vectors\n");

    CliRun run =
        CliRun.run(catalog, "validate", "--suite", "selftest-pass", "--dir", tmp.resolve("vectors").toString());

    assertThat(run.exitCode).as(run.toString()).isZero();
  }

  @Test
  void missingDirIsAUsageError() {
    CliRun run = CliRun.run(catalog, "validate", "--dir", tmp.resolve("nope").toString());

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("is not a directory");
  }
}
