package dev.sotto.vectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.vectors.spi.Accepted;
import dev.sotto.vectors.spi.BoundedRead;
import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import dev.sotto.vectors.spi.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sotto-vectors parse CODEC [--stream] FILE|-}: decodes the input with one codec and prints
 * the structure as JSON (exit 0) or the rejection as {@code {"error":...,"offset":...}} (exit 1).
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Decodes FILE (or standard input for -) with CODEC and prints the result as JSON.",
      "Exit 0 when a conforming implementation would accept the input (tolerated violations are",
      "listed), 1 when it must reject it (prints {\"error\":CONDITION,\"offset\":N,...}),",
      "2 for an unknown codec or unreadable input."
    },
    exitCodeOnExecutionException = ExitCodes.INTERNAL)
final class ParseCommand implements Callable<Integer> {

  /** Bounds what is read from an untrusted file or pipe; codecs have their own, smaller limits. */
  static final int MAX_INPUT_BYTES = 16 * 1024 * 1024;

  @Parameters(index = "0", paramLabel = "CODEC", description = "Codec name, e.g. sip, rtp.")
  String codecName;

  @Parameters(index = "1", paramLabel = "FILE|-", description = "Input file, or - for standard input.")
  String input;

  @Option(
      names = "--stream",
      description = "Use stream (TCP/TLS) framing; the default reads the input as one datagram.")
  boolean stream;

  @Spec CommandSpec spec;

  private final Catalog catalog;
  private final InputStream stdin;
  private final ObjectMapper mapper = new ObjectMapper();

  ParseCommand(Catalog catalog, InputStream stdin) {
    this.catalog = catalog;
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<CodecTool> tools = catalog.codecTools();
    CodecTool tool = tools.stream().filter(t -> t.name().equals(codecName)).findFirst().orElse(null);
    if (tool == null) {
      err.println("sotto-vectors: unknown codec '" + codecName + "'; available: " + names(tools));
      err.flush();
      return ExitCodes.USAGE;
    }
    byte[] bytes;
    try {
      bytes = read();
    } catch (NoSuchFileException e) {
      err.println("sotto-vectors: cannot read " + input + ": no such file");
      err.flush();
      return ExitCodes.USAGE;
    } catch (IOException | InvalidPathException e) {
      err.println("sotto-vectors: cannot read " + input + ": " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }

    ParseOutcome outcome = tool.parse(bytes, stream);
    int exitCode;
    if (outcome instanceof Accepted accepted) {
      ObjectNode result = mapper.createObjectNode();
      result.put("codec", tool.name());
      ArrayNode violations = result.putArray("violations");
      for (Violation v : accepted.violations()) {
        violations.addObject().put("condition", v.condition()).put("offset", v.offset());
      }
      result.set("message", accepted.message());
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      exitCode = ExitCodes.OK;
    } else if (outcome instanceof Rejected rejected) {
      // Condition and offset only: never echo the input bytes (DESIGN.md, Secrets).
      ObjectNode error = mapper.createObjectNode();
      error.put("error", rejected.condition());
      error.put("offset", rejected.offset());
      error.put("codec", tool.name());
      out.println(mapper.writeValueAsString(error));
      exitCode = ExitCodes.FAILED;
    } else {
      throw new IllegalStateException("codec " + tool.name() + " returned no outcome");
    }
    out.flush();
    return exitCode;
  }

  private byte[] read() throws IOException {
    if ("-".equals(input)) {
      return BoundedRead.readAll(stdin, MAX_INPUT_BYTES, "standard input");
    }
    try (InputStream in = Files.newInputStream(Path.of(input))) {
      return BoundedRead.readAll(in, MAX_INPUT_BYTES, input);
    }
  }

  private static String names(List<CodecTool> tools) {
    return tools.isEmpty()
        ? "none"
        : tools.stream().map(CodecTool::name).collect(Collectors.joining(", "));
  }
}
