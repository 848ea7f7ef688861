package dev.sotto.vectors;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** One in-process run of {@code sotto-vectors} with captured output (no System.exit). */
final class CliRun {

  final int exitCode;
  final String out;
  final String err;

  private CliRun(Catalog catalog, InputStream stdin, String... args) {
    StringWriter outText = new StringWriter();
    StringWriter errText = new StringWriter();
    CommandLine commandLine = VectorsMain.commandLine(catalog, stdin);
    commandLine.setOut(new PrintWriter(outText, true));
    commandLine.setErr(new PrintWriter(errText, true));
    exitCode = commandLine.execute(args);
    out = outText.toString();
    err = errText.toString();
  }

  static CliRun run(Catalog catalog, String... args) {
    return new CliRun(catalog, InputStream.nullInputStream(), args);
  }

  static CliRun runWithStdin(Catalog catalog, String stdin, String... args) {
    return new CliRun(
        catalog, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII)), args);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
