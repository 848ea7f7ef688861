package dev.sotto.vectors;

import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.VectorSuite;
import java.util.List;

/**
 * The suites and codec tools the CLI can use. Looked up when a command runs, not when the command
 * line is built, so a broken provider fails that command (exit 3) instead of the whole launcher.
 */
public interface Catalog {

  /** Every suite, sorted by name; names are unique. */
  List<VectorSuite> suites();

  /** Every codec tool, sorted by name; names are unique. */
  List<CodecTool> codecTools();

  /** The providers registered with {@link java.util.ServiceLoader} and visible to {@code loader}. */
  static Catalog serviceLoader(ClassLoader loader) {
    return new ServiceLoaderCatalog(loader);
  }
}
