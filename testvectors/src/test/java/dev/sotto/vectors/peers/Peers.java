package dev.sotto.vectors.peers;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place where a test may be skipped (DESIGN.md, "Peers and ports").
 *
 * <p>The peer scripts under {@code testvectors/peers/} write their facts to a properties file
 * whose path Maven passes as the system property {@code sotto.peers.file}. A peer is available
 * when the file has {@code <name>.*} keys and every {@code host:port} listed in
 * {@code <name>.probe.tcp} (comma-separated) accepts a TCP connection. When it is not, the test
 * is skipped, or fails when the environment variable {@code SOTTO_REQUIRE_PEERS=1} (CI) is set.
 */
public final class Peers {

  public static final String FILE_PROPERTY = "sotto.peers.file";
  public static final String REQUIRE_ENV = "SOTTO_REQUIRE_PEERS";
  private static final int PROBE_TIMEOUT_MS = 2_000;

  private Peers() {}

  /** The running peer {@code name}; skips or fails the calling test when it is not running. */
  public static PeerInfo require(String name) {
    String file = System.getProperty(FILE_PROPERTY);
    return require(name, file == null || file.isBlank() ? null : Path.of(file), "1".equals(System.getenv(REQUIRE_ENV)));
  }

  static PeerInfo require(String name, Path file, boolean required) {
    String problem;
    PeerInfo info = null;
    if (file == null) {
      problem = "the system property " + FILE_PROPERTY + " is not set";
    } else if (!Files.isRegularFile(file)) {
      problem = file + " does not exist";
    } else {
      try {
        info = read(name, file);
        problem = info.properties().isEmpty() ? file + " has no " + name + ".* keys" : probe(info);
      } catch (IOException | IllegalArgumentException e) {
        problem = "cannot read " + file + ": " + e.getMessage();
      }
    }
    if (problem == null) {
      return info;
    }
    String message = "peer " + name + " is not running: run testvectors/peers/test-all.sh, or start the peers"
        + " with 'bash testvectors/peers/peers.sh start' before mvn verify (" + problem + ")";
    if (required) {
      return Assertions.fail(message + "; " + REQUIRE_ENV + "=1 does not allow skipping");
    }
    return Assumptions.abort(message);
  }

  /**
   * A native test harness built by this build (a C peer under {@code src/test/c/<name>/}), passed as the
   * system property {@code property}. Returns its path; skips the calling test when it was not built, or
   * fails when {@code SOTTO_REQUIRE_PEERS=1}.
   */
  public static Path requireNative(String name, String property) {
    return requireNative(name, System.getProperty(property), "1".equals(System.getenv(REQUIRE_ENV)));
  }

  static Path requireNative(String name, String path, boolean required) {
    String problem = null;
    Path harness = null;
    if (path == null || path.isBlank()) {
      problem = "no path to the " + name + " harness was passed to the test JVM";
    } else {
      harness = Path.of(path);
      if (!Files.isExecutable(harness)) {
        problem = harness + " is not an executable file (make failed, or the library's -dev package is missing;"
            + " run testvectors/peers/install.sh)";
      }
    }
    if (problem == null) {
      return harness;
    }
    String message = "native peer " + name + " is not available: " + problem;
    if (required) {
      return Assertions.fail(message + "; " + REQUIRE_ENV + "=1 does not allow skipping");
    }
    return Assumptions.abort(message);
  }

  /**
   * A command-line tool from a Debian package (e.g. {@code tshark}, installed by testvectors/peers/install.sh),
   * looked up on {@code PATH}. Returns its path; skips the calling test when it is missing, or fails when
   * {@code SOTTO_REQUIRE_PEERS=1}.
   */
  public static Path requireTool(String command) {
    return requireTool(command, System.getenv("PATH"), "1".equals(System.getenv(REQUIRE_ENV)));
  }

  static Path requireTool(String command, String searchPath, boolean required) {
    String found = null;
    if (searchPath != null) {
      for (String dir : searchPath.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
          found = Path.of(dir, command).toString();
          break;
        }
      }
    }
    return requireNative(command, found, required);
  }

  /**
   * A display for the Swing tests (Xvfb, started by the test command's {@code xvfb-run -a}). Skips the calling test
   * when AWT is headless, or fails when {@code SOTTO_REQUIRE_PEERS=1}.
   */
  public static void requireDisplay() {
    if (!java.awt.GraphicsEnvironment.isHeadless()) {
      return;
    }
    String message = "no display: run under xvfb-run -a to include the UI tests";
    if ("1".equals(System.getenv(REQUIRE_ENV))) {
      Assertions.fail(message + "; " + REQUIRE_ENV + "=1 does not allow skipping");
    }
    Assumptions.abort(message);
  }

  static PeerInfo read(String name, Path file) throws IOException {
    Properties all = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      all.load(reader);
    }
    String prefix = name + ".";
    Map<String, String> own = new HashMap<>();
    for (String key : all.stringPropertyNames()) {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        own.put(key.substring(prefix.length()), all.getProperty(key));
      }
    }
    return new PeerInfo(name, own);
  }

  /** Null when every probe address accepts a connection, else what went wrong. */
  static String probe(PeerInfo info) {
    String targets = info.properties().getOrDefault("probe.tcp", "").trim();
    if (targets.isEmpty()) {
      return null;
    }
    for (String target : targets.split(",")) {
      String hostPort = target.trim();
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0) {
        return info.name() + ".probe.tcp has no host:port in '" + hostPort + "'";
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
            Integer.parseInt(hostPort.substring(colon + 1))), PROBE_TIMEOUT_MS);
      } catch (IOException | IllegalArgumentException e) {
        return "nothing accepts TCP connections on " + hostPort + ": " + e;
      }
    }
    return null;
  }
}
