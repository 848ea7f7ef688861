package dev.sotto.vectors;

import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.VectorSuite;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/** {@link Catalog} over {@link ServiceLoader}: suites and tools ship in any jar on the class path. */
final class ServiceLoaderCatalog implements Catalog {

  private final ClassLoader loader;

  ServiceLoaderCatalog(ClassLoader loader) {
    this.loader = loader;
  }

  @Override
  public List<VectorSuite> suites() {
    return load(VectorSuite.class, VectorSuite::name);
  }

  @Override
  public List<CodecTool> codecTools() {
    return load(CodecTool.class, CodecTool::name);
  }

  private <T> List<T> load(Class<T> type, Function<T, String> name) {
    List<T> found = new ArrayList<>();
    ServiceLoader.load(type, loader).forEach(found::add);
    found.sort(Comparator.comparing(name));
    // Two providers with one name would make --suite/parse pick one silently: refuse instead.
    for (int i = 1; i < found.size(); i++) {
      if (name.apply(found.get(i)).equals(name.apply(found.get(i - 1)))) {
        throw new IllegalStateException(
            type.getSimpleName() + " name '" + name.apply(found.get(i)) + "' is used by both "
                + found.get(i - 1).getClass().getName() + " and " + found.get(i).getClass().getName());
      }
    }
    return List.copyOf(found);
  }
}
