package dev.sotto.vectors;

import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.VectorSuite;
import java.util.List;

/** A catalog with no suites and no codec tools, as the CLI sees a build that has none yet. */
final class EmptyCatalog implements Catalog {

  @Override
  public List<VectorSuite> suites() {
    return List.of();
  }

  @Override
  public List<CodecTool> codecTools() {
    return List.of();
  }
}
