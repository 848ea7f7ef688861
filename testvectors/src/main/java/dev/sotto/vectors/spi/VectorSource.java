package dev.sotto.vectors.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a suite reads its vector files. Paths are relative to the vectors root and use {@code /}
 * (e.g. {@code "rfc3711/appendix-b.txt"}): the same path names a jar resource under
 * {@code vectors/} or a file under the directory given with {@code --dir}, so the files in
 * {@code testvectors/vectors/} can be edited and checked without a rebuild.
 */
public interface VectorSource {

  /** Largest vector file read; vectors are small and a bound keeps a bad path from exhausting memory. */
  int MAX_FILE_BYTES = 16 * 1024 * 1024;

  /**
   * Reads one vector file.
   *
   * @throws java.io.FileNotFoundException if there is no such file
   * @throws IOException if it cannot be read or is larger than {@link #MAX_FILE_BYTES}
   * @throws IllegalArgumentException if the path is absolute or leaves the root ({@code ..})
   */
  byte[] read(String path) throws IOException;

  /** Where the files come from, for reports. */
  String describe();

  /** Files shipped as resources under {@code vectors/} and visible to {@code loader}. */
  static VectorSource resources(ClassLoader loader) {
    return new ResourceVectorSource(loader);
  }

  /** Files under {@code root}. */
  static VectorSource directory(Path root) {
    return new DirectoryVectorSource(root);
  }

  /** Rejects paths that could escape the vectors root. */
  static String checkRelative(String path) {
    if (path.isEmpty()
        || path.startsWith("/")
        || path.contains("\\")
        || path.contains(":")
        || ("/" + path + "/").contains("/../")
        || ("/" + path + "/").contains("/./")) {
      throw new IllegalArgumentException("not a relative vector path: " + path);
    }
    return path;
  }
}
