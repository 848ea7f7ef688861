package dev.sotto.vectors.spi;

import java.io.IOException;
import java.io.InputStream;

/** Reads a whole stream, refusing more than a limit (the CLI reads untrusted files). */
public final class BoundedRead {

  private BoundedRead() {}

  /**
   * All bytes of {@code in}.
   *
   * @throws IOException if there are more than {@code limit} bytes; {@code what} names the input
   */
  public static byte[] readAll(InputStream in, int limit, String what) throws IOException {
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw new IOException(what + " is larger than " + limit + " bytes");
    }
    return bytes;
  }
}
