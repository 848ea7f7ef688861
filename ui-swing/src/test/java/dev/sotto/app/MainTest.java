package dev.sotto.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The launcher's command line, run through picocli in-process (no System.exit, no display). */
class MainTest {

  /** Records the desktop calls instead of opening a window. */
  private static final class FakeDesktop implements DesktopLauncher {
    final List<Boolean> calls = new ArrayList<>();
    final List<DesktopOptions> options = new ArrayList<>();
    final boolean available;

    FakeDesktop(boolean available) {
      this.available = available;
    }

    @Override
    public boolean open(DesktopOptions opened) {
      calls.add(opened.dark());
      options.add(opened);
      return available;
    }
  }

  private static final class Run {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int exitCode;

    Run(Main app, String... args) {
      CommandLine commandLine = Main.commandLine(app);
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(err, true));
      exitCode = commandLine.execute(args);
    }
  }

  @Test
  void helpPrintsUsageWithOptionsAndSubcommands() {
    FakeDesktop desktop = new FakeDesktop(true);
    Run run = new Run(new Main(desktop), "--help");

    assertThat(run.exitCode).isZero();
    assertThat(run.out.toString())
        .startsWith("Usage: sotto")
        .contains("--dark", "--version", "--help", "Commands:");
    for (Class<?> subcommand : CommandRegistry.subcommands()) {
      String name = subcommand.getAnnotation(CommandLine.Command.class).name();
      assertThat(run.out.toString()).contains(name);
    }
    assertThat(run.err.toString()).isEmpty();
    assertThat(desktop.calls).as("--help must not open the window").isEmpty();
  }

  @Test
  void versionPrintsNameAndVersion() {
    FakeDesktop desktop = new FakeDesktop(true);
    Run run = new Run(new Main(desktop), "--version");

    assertThat(run.exitCode).isZero();
    // From a class directory there is no manifest, hence "dev"; the jar test checks the real version.
    assertThat(run.out.toString()).matches("sotto \\S+\\R");
    assertThat(run.out.toString().trim()).isEqualTo("sotto " + AppVersion.version());
    assertThat(desktop.calls).isEmpty();
  }

  @Test
  void unknownOptionIsAUsageError() {
    FakeDesktop desktop = new FakeDesktop(true);
    Run run = new Run(new Main(desktop), "--no-such-option");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err.toString()).contains("Unknown option", "Usage: sotto");
    assertThat(run.out.toString()).isEmpty();
    assertThat(desktop.calls).isEmpty();
  }

  @Test
  void noArgumentsOpensTheLightWindow() {
    FakeDesktop desktop = new FakeDesktop(true);
    Main app = new Main(desktop);
    Run run = new Run(app);

    assertThat(run.exitCode).isZero();
    assertThat(desktop.calls).containsExactly(false);
    assertThat(app.isDesktopOpen()).isTrue();
  }

  @Test
  void darkOpensTheDarkWindow() {
    FakeDesktop desktop = new FakeDesktop(true);
    Run run = new Run(new Main(desktop), "--dark");

    assertThat(run.exitCode).isZero();
    assertThat(desktop.calls).containsExactly(true);
  }

  @Test
  void vaultOptionReachesTheWindowAndDefaultsToNull() {
    FakeDesktop desktop = new FakeDesktop(true);
    new Run(new Main(desktop), "--vault", "/tmp/some vault");
    new Run(new Main(desktop));

    assertThat(desktop.options).extracting(DesktopOptions::vault)
        .containsExactly(java.nio.file.Path.of("/tmp/some vault"), null);
  }

  @Test
  void withoutDisplayTheLauncherFailsWithAHint() {
    FakeDesktop desktop = new FakeDesktop(false);
    Main app = new Main(desktop);
    Run run = new Run(app);

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err.toString()).contains("no display", "sotto --help");
    assertThat(app.isDesktopOpen()).as("main must exit when no window opened").isFalse();
  }

  @Test
  void helpSubcommandWorks() {
    FakeDesktop desktop = new FakeDesktop(true);
    Run run = new Run(new Main(desktop), "help");

    assertThat(run.exitCode).isZero();
    assertThat(run.out.toString()).startsWith("Usage: sotto");
    assertThat(desktop.calls).isEmpty();
  }

  @Test
  void everyRegisteredSubcommandIsANamedPicocliCommand() {
    CommandLine commandLine = Main.commandLine(new Main(new FakeDesktop(true)));
    for (Class<?> subcommand : CommandRegistry.subcommands()) {
      CommandLine.Command command = subcommand.getAnnotation(CommandLine.Command.class);
      assertThat(command).as("%s is a picocli @Command", subcommand).isNotNull();
      assertThat(commandLine.getSubcommands()).containsKey(command.name());
    }
    assertThat(commandLine.getSubcommands()).hasSameSizeAs(CommandRegistry.subcommands());
  }
}
