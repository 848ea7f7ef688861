package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VectorsMainTest {

  @Test
  void helpListsTheSubcommands() {
    CliRun run = CliRun.run(new EmptyCatalog(), "--help");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).startsWith("Usage: sotto-vectors").contains("validate", "parse", "help");
    assertThat(run.err).isEmpty();
  }

  @Test
  void versionPrintsNameAndVersion() {
    CliRun run = CliRun.run(new EmptyCatalog(), "--version");

    assertThat(run.exitCode).isZero();
    // A class directory has no manifest, hence "dev"; VectorsJarIT checks the shaded jar.
    assertThat(run.out).matches("sotto-vectors \\S+\\R");
  }

  @Test
  void withoutSubcommandIsAUsageError() {
    CliRun run = CliRun.run(new EmptyCatalog());

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("Missing required subcommand", "Usage: sotto-vectors");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.run(new EmptyCatalog(), "validate", "--bogus");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("Unknown option");
  }

  @Test
  void subcommandHelp() {
    CliRun run = CliRun.run(new EmptyCatalog(), "parse", "--help");

    assertThat(run.exitCode).isZero();
    assertThat(run.out).startsWith("Usage: sotto-vectors parse").contains("--stream", "CODEC");
  }
}
