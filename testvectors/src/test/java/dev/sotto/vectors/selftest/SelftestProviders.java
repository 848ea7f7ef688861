package dev.sotto.vectors.selftest;

import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.VectorSuite;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Registers the self-test providers through real {@code META-INF/services} files, but in a class
 * loader of their own: the CLI's ServiceLoader wiring is tested end to end while the failing
 * self-test suite stays invisible to every other test of this module (a services file in
 * src/test/resources would be seen by all of them).
 */
public final class SelftestProviders {

  private SelftestProviders() {}

  /** A class loader, over {@code dir}, that sees the self-test suites and codec tool. */
  public static ClassLoader classLoader(Path dir) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(
        services.resolve(VectorSuite.class.getName()),
        String.join(
            "\n",
            "# test-only suites",
            SelftestPassSuite.class.getName(),
            SelftestFailSuite.class.getName(),
            SelftestThrowingSuite.class.getName(),
            ""),
        StandardCharsets.UTF_8);
    Files.writeString(
        services.resolve(CodecTool.class.getName()),
        SelftestCodecTool.class.getName() + "\n",
        StandardCharsets.UTF_8);
    // Service files come only from dir: the real suites and codecs registered in main resources (and
    // visible through the parent) must not change what these tests count.
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, SelftestProviders.class.getClassLoader()) {
      @Override
      public java.util.Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
      }
    };
  }
}
