package dev.sotto.app;

import java.util.List;
import picocli.CommandLine;

/**
 * The one list of {@code sotto} subcommands. Each issue that brings a subcommand adds one line to
 * {@code SUBCOMMANDS}; nothing else registers commands, so parallel work cannot collide and
 * {@code sotto --help} always shows the full set.
 *
 * <p>Entries are picocli {@code @Command} classes, instantiated only when the command line is built.
 * Subcommands must not touch AWT or Swing (they run on machines without a display): keep them free
 * of any reference to {@code java.awt}, {@code javax.swing} and FlatLaf. A test in testvectors runs
 * {@code sotto help <name>} for every entry in a child JVM and fails if AWT classes are loaded.
 */
public final class CommandRegistry {

  // An array, not List.of: its initializer allows a trailing comma, so adding a command is adding
  // one line, and two issues adding commands at once touch different lines.
  private static final Class<?>[] SUBCOMMANDS = {
    // `sotto help [COMMAND]`: picocli's standard help subcommand.
    CommandLine.HelpCommand.class,
    // Add new subcommands here, one line each.
    dev.sotto.app.log.LogCommand.class, // issue 3: verify/stats of the encrypted log
    dev.sotto.app.console.ConsoleCommand.class, // issue 5: the scriptable console over the engine
  };

  private CommandRegistry() {}

  /** The registered subcommand classes, in the order they appear in the help. */
  public static List<Class<?>> subcommands() {
    return List.of(SUBCOMMANDS);
  }

  /** Adds every registered subcommand to {@code commandLine}. */
  static void registerAll(CommandLine commandLine) {
    for (Class<?> subcommand : SUBCOMMANDS) {
      commandLine.addSubcommand(subcommand);
    }
  }
}
