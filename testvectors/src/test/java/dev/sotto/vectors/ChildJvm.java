package dev.sotto.vectors;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java [jvmArgs] -jar JAR [args]} in a child JVM, the way a user starts it: no extra
 * flags, output to files (no pipe can fill up and block), a class-loading log, and a hard timeout.
 */
final class ChildJvm {

  private static final long TIMEOUT_SECONDS = 60;

  /** What the child did. {@code loadedClasses} is the JVM's class+load log, one class per line. */
  record Result(int exitCode, String out, String err, List<String> loadedClasses) {

    /** Classes of AWT, Swing or FlatLaf that were loaded; headless commands must load none. */
    List<String> desktopClasses() {
      return loadedClasses.stream()
          .filter(
              line ->
                  line.contains(" java.awt.")
                      || line.contains(" javax.swing.")
                      || line.contains(" sun.awt.")
                      || line.contains(" com.formdev.flatlaf."))
          .toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private ChildJvm() {}

  static Result runJar(Path jar, Path workDir, List<String> jvmArgs, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    Path classLog = Files.createTempFile(workDir, "classes", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xlog:class+load=info:file=" + classLog);
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));

    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    // The child must see only what a user's plain `java -jar` sees.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    builder.redirectInput(ProcessBuilder.Redirect.from(nullFile()));
    builder.redirectOutput(out.toFile());
    builder.redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("%s did not finish within %d s: %s", command, TIMEOUT_SECONDS, Files.readString(err));
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        Files.readAllLines(classLog, StandardCharsets.UTF_8));
  }

  private static File nullFile() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
