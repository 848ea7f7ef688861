package dev.sotto.vectors.selftest;

import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.VectorSuite;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;

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
    return new OwnServicesLoader(dir.toUri().toURL(), SelftestProviders.class.getClassLoader());
  }

  /**
   * Loads classes from the parent but answers {@code META-INF/services/*} from {@code dir} only, so the
   * real suites and codec tools registered in src/main (issue 8 and later) do not change what these
   * tests see.
   */
  private static final class OwnServicesLoader extends URLClassLoader {

    OwnServicesLoader(URL dir, ClassLoader parent) {
      super(new URL[] {dir}, parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
    }
  }
}
