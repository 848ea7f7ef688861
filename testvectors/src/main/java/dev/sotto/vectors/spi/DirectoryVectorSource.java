package dev.sotto.vectors.spi;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Vector files under a directory ({@code validate --dir}). */
final class DirectoryVectorSource implements VectorSource {

  private final Path root;

  DirectoryVectorSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public byte[] read(String path) throws IOException {
    Path file = root.resolve(VectorSource.checkRelative(path)).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("not a relative vector path: " + path);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return BoundedRead.readAll(in, MAX_FILE_BYTES, file.toString());
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException("no file " + file);
    }
  }

  @Override
  public String describe() {
    return "directory " + root;
  }
}
