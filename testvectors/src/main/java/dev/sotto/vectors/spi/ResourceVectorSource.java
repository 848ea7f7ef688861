package dev.sotto.vectors.spi;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/** Vector files shipped in a jar under {@code vectors/}. */
final class ResourceVectorSource implements VectorSource {

  private static final String ROOT = "vectors/";

  private final ClassLoader loader;

  ResourceVectorSource(ClassLoader loader) {
    this.loader = loader;
  }

  @Override
  public byte[] read(String path) throws IOException {
    String name = ROOT + VectorSource.checkRelative(path);
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new FileNotFoundException("no resource " + name);
      }
      return BoundedRead.readAll(in, MAX_FILE_BYTES, name);
    }
  }

  @Override
  public String describe() {
    return "resources " + ROOT;
  }
}
