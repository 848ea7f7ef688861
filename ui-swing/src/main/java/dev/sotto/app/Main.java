package dev.sotto.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code sotto} launcher: the desktop window when called without a subcommand, otherwise the
 * subcommands listed in {@link CommandRegistry}.
 *
 * <p>This class must stay free of static references to AWT/Swing/FlatLaf types: the subcommands
 * ({@code console}, {@code log}) run on machines without a display and must never load AWT. The
 * only path to Swing is the lambda in {@link #Main()}, which runs only when no subcommand was given.
 */
@Command(
    name = "sotto",
    mixinStandardHelpOptions = true,
    versionProvider = AppVersion.class,
    description = {
      "Private conversations over the accounts you already have: XMPP chat with OTR,",
      "SIP calls with ZRTP/SRTP, and a history only you can read.",
      "",
      "Without a subcommand, opens the desktop window."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (or the desktop window is open)",
      "1:failure (for example: no display for the desktop window)",
      "2:invalid usage"
    })
public final class Main implements Callable<Integer> {

  @Option(names = "--dark", description = "Use the dark theme for the desktop window (otherwise the remembered one).")
  boolean dark;

  @Option(
      names = "--vault",
      paramLabel = "DIR",
      description = "The vault directory (default: ~/.local/share/sotto on Linux, honouring XDG_DATA_HOME).")
  java.nio.file.Path vault;

  @Spec CommandSpec spec;

  private final DesktopLauncher desktop;
  private volatile boolean desktopOpen;

  /** The real launcher: the desktop path goes through a lambda so Swing classes load only when used. */
  public Main() {
    this(options -> DesktopWindow.open(options));
  }

  /** A launcher with a replaceable desktop path, so tests can check the wiring without a display. */
  public Main(DesktopLauncher desktop) {
    this.desktop = desktop;
  }

  public static void main(String[] args) {
    // Chronicle reports usage analytics unless told not to; it must be set before any Chronicle class
    // loads, so it is the very first thing the process does (the analytics jar is excluded as well).
    System.setProperty("chronicle.analytics.disable", "true");
    // Before any vault key or passphrase exists in memory: no core file may copy the heap to disk.
    CoreDumps.disable();
    Main app = new Main();
    int exitCode = commandLine(app).execute(args);
    // With the window showing, the JVM lives until the window is closed; everything else ends here.
    if (!app.isDesktopOpen()) {
      System.exit(exitCode);
    }
  }

  /** The picocli command line for {@code app}, with every registered subcommand added. */
  public static CommandLine commandLine(Main app) {
    CommandLine commandLine = new CommandLine(app);
    CommandRegistry.registerAll(commandLine);
    return commandLine;
  }

  /** Runs without a subcommand: opens the desktop window. */
  @Override
  public Integer call() {
    if (!desktop.open(new DesktopOptions(dark, vault))) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("sotto: no display available for the desktop window (DISPLAY unset or headless JVM).");
      err.println("Run a subcommand instead, see: sotto --help");
      err.flush();
      return 1;
    }
    desktopOpen = true;
    return 0;
  }

  /** Whether the no-subcommand path opened the window (then {@link #main} must not exit). */
  public boolean isDesktopOpen() {
    return desktopOpen;
  }
}
