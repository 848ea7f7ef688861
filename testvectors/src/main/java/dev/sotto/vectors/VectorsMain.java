package dev.sotto.vectors;

import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sotto-vectors}: checks Sotto against published vectors ({@code validate}) and shows what
 * a codec makes of some bytes ({@code parse}).
 */
@Command(
    name = "sotto-vectors",
    mixinStandardHelpOptions = true,
    versionProvider = VectorsVersion.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Checks Sotto against published test vectors and exposes its codecs.",
    subcommands = CommandLine.HelpCommand.class,
    exitCodeOnExecutionException = ExitCodes.INTERNAL,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a vector failed / the input must be rejected",
      "2:invalid usage",
      "3:internal error (a bug)"
    })
public final class VectorsMain implements Callable<Integer> {

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    // Suites may open a Chronicle queue: the analytics switch must be set before Chronicle loads.
    System.setProperty("chronicle.analytics.disable", "true");
    Catalog catalog = Catalog.serviceLoader(VectorsMain.class.getClassLoader());
    System.exit(commandLine(catalog, System.in).execute(args));
  }

  /**
   * The command line over {@code catalog}; {@code stdin} is what {@code parse -} reads. Tests set
   * their own output writers on the result and call {@code execute}.
   */
  public static CommandLine commandLine(Catalog catalog, InputStream stdin) {
    CommandLine commandLine = new CommandLine(new VectorsMain());
    commandLine.addSubcommand(new ValidateCommand(catalog));
    commandLine.addSubcommand(new ParseCommand(catalog, stdin));
    return commandLine;
  }

  /** Without a subcommand there is nothing to do: a usage error (exit 2) with the usage text. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
