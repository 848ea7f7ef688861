package dev.sotto.vectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.vectors.spi.CaseResult;
import dev.sotto.vectors.spi.VectorSource;
import dev.sotto.vectors.spi.VectorSuite;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sotto-vectors validate}: runs the vector suites and prints a table (or JSON lines). */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the test-vector suites and prints, per suite: source, cases, passed, failed.",
      "Exit 0 when every case passes, 1 otherwise."
    },
    exitCodeOnExecutionException = ExitCodes.INTERNAL)
final class ValidateCommand implements Callable<Integer> {

  /** Reasons are shown on one table line; the first line of an exception message is enough. */
  private static final int MAX_REASON_CHARS = 300;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Read vector files from DIR (same layout as testvectors/vectors) instead of the jar.")
  Path dir;

  @Option(
      names = "--suite",
      paramLabel = "NAME",
      description = "Run only this suite (repeatable). Default: all suites.")
  List<String> suiteNames = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON object per suite instead of the table.")
  boolean json;

  @Spec CommandSpec spec;

  private final Catalog catalog;
  private final ObjectMapper mapper = new ObjectMapper();

  ValidateCommand(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Integer call() throws Exception {
    if (dir != null && !Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "--dir " + dir + " is not a directory");
    }
    List<SuiteResult> results = new ArrayList<>();
    for (VectorSuite suite : selectSuites()) {
      results.add(run(suite));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      printJson(out, results);
    } else {
      printTable(out, results);
    }
    out.flush();
    boolean allPassed = results.stream().allMatch(r -> r.failed() == 0);
    return allPassed ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private List<VectorSuite> selectSuites() {
    List<VectorSuite> all = catalog.suites();
    if (suiteNames.isEmpty()) {
      return all;
    }
    List<VectorSuite> selected = new ArrayList<>();
    for (String name : suiteNames) {
      VectorSuite suite = all.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
      // A mistyped name must not turn into "0 suites, all passed".
      if (suite == null) {
        throw new ParameterException(
            spec.commandLine(), "unknown suite '" + name + "'; available: " + names(all));
      }
      if (!selected.contains(suite)) {
        selected.add(suite);
      }
    }
    return selected;
  }

  private SuiteResult run(VectorSuite suite) {
    VectorSource source =
        dir != null
            ? VectorSource.directory(dir)
            // Each suite reads the resources of the jar it ships in.
            : VectorSource.resources(suite.getClass().getClassLoader());
    List<CaseResult> cases;
    try {
      cases = suite.run(source);
      if (cases == null || cases.isEmpty()) {
        cases = List.of(CaseResult.fail("(suite)", "no cases ran"));
      }
    } catch (Exception | AssertionError e) {
      // A suite that cannot run (missing file, assertion in setup) fails; the others still run.
      cases = List.of(CaseResult.fail("(suite)", describe(e)));
    }
    return new SuiteResult(suite.name(), suite.source(), cases);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
    String reason = e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    return reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "..." : reason;
  }

  private void printTable(PrintWriter out, List<SuiteResult> results) {
    int suiteWidth = "SUITE".length();
    int sourceWidth = "SOURCE".length();
    for (SuiteResult r : results) {
      suiteWidth = Math.max(suiteWidth, r.suite().length());
      sourceWidth = Math.max(sourceWidth, r.source().length());
    }
    String row = "%-" + suiteWidth + "s  %-" + sourceWidth + "s  %6s  %6s  %6s%n";
    out.printf(row, "SUITE", "SOURCE", "CASES", "PASSED", "FAILED");
    long cases = 0;
    long passed = 0;
    for (SuiteResult r : results) {
      out.printf(row, r.suite(), r.source(), r.cases().size(), r.passed(), r.failed());
      cases += r.cases().size();
      passed += r.passed();
    }
    out.printf(
        "%d %s, %d cases, %d passed, %d failed%n",
        results.size(), results.size() == 1 ? "suite" : "suites", cases, passed, cases - passed);
    for (SuiteResult r : results) {
      for (CaseResult c : r.cases()) {
        if (!c.passed()) {
          out.printf("FAILED %s/%s: %s%n", r.suite(), c.id(), oneLine(c.reason()));
        }
      }
    }
  }

  private void printJson(PrintWriter out, List<SuiteResult> results) throws Exception {
    for (SuiteResult r : results) {
      ObjectNode line = mapper.createObjectNode();
      line.put("suite", r.suite());
      line.put("source", r.source());
      line.put("cases", r.cases().size());
      line.put("passed", r.passed());
      line.put("failed", r.failed());
      ArrayNode failures = line.putArray("failures");
      for (CaseResult c : r.cases()) {
        if (!c.passed()) {
          failures.addObject().put("case", c.id()).put("reason", c.reason());
        }
      }
      out.println(mapper.writeValueAsString(line));
    }
  }

  private static String oneLine(String reason) {
    return reason.replaceAll("\\R", " ");
  }

  private static String names(List<VectorSuite> suites) {
    return suites.isEmpty()
        ? "none"
        : suites.stream().map(VectorSuite::name).collect(Collectors.joining(", "));
  }
}
