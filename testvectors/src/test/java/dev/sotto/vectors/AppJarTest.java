package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.app.CommandRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The built launcher, started as a user starts it ({@code java -jar sotto.jar}, no JVM flags), in a
 * child JVM. Also checks that the command-line paths never load AWT or Swing: they must work on
 * machines without a display (DESIGN.md, Launcher).
 */
class AppJarTest {

  @TempDir Path workDir;

  private ChildJvm.Result sotto(String... args) throws IOException, InterruptedException {
    return ChildJvm.runJar(AppJar.path(), workDir, List.of(), args);
  }

  @Test
  void versionPrintsTheManifestVersion() throws Exception {
    String expected;
    try (JarFile jar = new JarFile(AppJar.path().toFile())) {
      expected = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
    }
    assertThat(expected).as("Implementation-Version in the manifest").isNotBlank();

    ChildJvm.Result result = sotto("--version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("sotto " + expected + System.lineSeparator());
    assertThat(result.err()).as("nothing logged").isEmpty();
    assertThat(result.desktopClasses()).as("--version must not load AWT").isEmpty();
  }

  @Test
  void helpShowsUsageAndEveryRegisteredSubcommand() throws Exception {
    ChildJvm.Result result = sotto("--help");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("Usage: sotto").contains("--dark", "--version", "Commands:");
    String commands = result.out().substring(result.out().indexOf("Commands:"));
    for (String name : subcommandNames()) {
      assertThat(commands).containsPattern("(?m)^\\s+" + Pattern.quote(name) + "\\s");
    }
    assertThat(result.err()).isEmpty();
    assertThat(result.desktopClasses()).as("--help must not load AWT").isEmpty();
  }

  @Test
  void everySubcommandRunsWithoutAwt() throws Exception {
    for (String name : subcommandNames()) {
      // `help NAME` builds the subcommand and prints its usage: enough to load its classes.
      ChildJvm.Result result = sotto("help", name);

      assertThat(result.exitCode()).as("sotto help %s: %s", name, result).isZero();
      assertThat(result.out()).as("sotto help %s", name).contains("Usage: sotto " + name);
      assertThat(result.desktopClasses()).as("sotto help %s loaded AWT/Swing", name).isEmpty();
    }
  }

  @Test
  void desktopPathDoesLoadAwtSoTheCheckAboveCanFail() throws Exception {
    // Positive control: the window path, forced headless so it fails fast on any machine.
    ChildJvm.Result result =
        ChildJvm.runJar(AppJar.path(), workDir, List.of("-Djava.awt.headless=true"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("no display");
    assertThat(result.desktopClasses()).isNotEmpty();
  }

  private static List<String> subcommandNames() {
    List<String> names =
        CommandRegistry.subcommands().stream()
            .map(type -> type.getAnnotation(CommandLine.Command.class).name())
            .toList();
    assertThat(names).as("registered subcommands").isNotEmpty();
    return names;
  }
}
