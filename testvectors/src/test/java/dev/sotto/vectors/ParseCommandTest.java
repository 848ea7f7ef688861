package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sotto.vectors.selftest.SelftestProviders;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse} through the test-only "selftest" codec tool, discovered through ServiceLoader. */
class ParseCommandTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @TempDir Path tmp;

  private ClassLoader loader;
  private Catalog catalog;

  @BeforeEach
  void discoverSelftestCodec() throws IOException {
    loader = SelftestProviders.classLoader(tmp.resolve("providers"));
    catalog = Catalog.serviceLoader(loader);
  }

  @AfterEach
  void closeLoader() throws IOException {
    ((URLClassLoader) loader).close();
  }

  private String file(String content) throws IOException {
    return Files.writeString(tmp.resolve("input.bin"), content).toString();
  }

  @Test
  void acceptedInputPrintsTheStructure() throws IOException {
    CliRun run = CliRun.run(catalog, "parse", "selftest", file("ok:hello"));

    assertThat(run.exitCode).as(run.toString()).isZero();
    JsonNode result = mapper.readTree(run.out);
    assertThat(result.get("codec").asText()).isEqualTo("selftest");
    assertThat(result.get("violations")).isEmpty();
    assertThat(result.get("message").get("payload").asText()).isEqualTo("hello");
    assertThat(result.get("message").get("stream").asBoolean()).isFalse();
    assertThat(run.out.lines().count()).as("pretty printed").isGreaterThan(1);
    assertThat(run.err).isEmpty();
  }

  @Test
  void readsStandardInputForDash() throws IOException {
    CliRun run = CliRun.runWithStdin(catalog, "ok:from stdin", "parse", "selftest", "-");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(mapper.readTree(run.out).get("message").get("payload").asText())
        .isEqualTo("from stdin");
  }

  @Test
  void streamFlagReachesTheCodec() throws IOException {
    CliRun run = CliRun.run(catalog, "parse", "selftest", "--stream", file("ok:x"));

    assertThat(run.exitCode).isZero();
    assertThat(mapper.readTree(run.out).get("message").get("stream").asBoolean()).isTrue();
  }

  @Test
  void toleratedViolationsAreListed() throws IOException {
    CliRun run = CliRun.run(catalog, "parse", "selftest", file("lenient:x"));

    assertThat(run.exitCode).isZero();
    JsonNode violation = mapper.readTree(run.out).get("violations").get(0);
    assertThat(violation.get("condition").asText()).isEqualTo("selftest-lenient");
    assertThat(violation.get("offset").asLong()).isZero();
  }

  @Test
  void rejectedInputPrintsConditionAndOffsetAndExitsOne() throws IOException {
    CliRun run = CliRun.run(catalog, "parse", "selftest", file("oX:secret-bytes"));

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    assertThat(run.out.strip())
        .isEqualTo("{\"error\":\"selftest-malformed\",\"offset\":1,\"codec\":\"selftest\"}");
    assertThat(run.out + run.err).as("input bytes are never echoed").doesNotContain("secret-bytes");
  }

  @Test
  void unknownCodecListsTheAvailableOnesAndExitsTwo() throws IOException {
    CliRun run = CliRun.run(catalog, "parse", "nosuchcodec", file("ok:x"));

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("unknown codec 'nosuchcodec'", "available: selftest");
    assertThat(run.out).isEmpty();
  }

  @Test
  void noCodecsAtAll() {
    CliRun run = CliRun.run(new EmptyCatalog(), "parse", "sip", "-");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("unknown codec 'sip'; available: none");
  }

  @Test
  void missingFileIsAUsageError() {
    CliRun run = CliRun.run(catalog, "parse", "selftest", tmp.resolve("absent").toString());

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("cannot read", "no such file");
  }

  @Test
  void missingArgumentsAreAUsageError() {
    CliRun run = CliRun.run(catalog, "parse", "selftest");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("Missing required parameter");
  }

  @Test
  void aThrowingCodecIsAnInternalErrorNotARejection() throws IOException {
    CliRun run = CliRun.run(catalog, "parse", "selftest", file("boom"));

    assertThat(run.exitCode).isEqualTo(3);
    assertThat(run.out).isEmpty();
  }
}
