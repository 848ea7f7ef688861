package dev.sotto.vectors.spi;

import java.util.Objects;

/**
 * A tolerated deviation from the specification in an accepted input.
 *
 * @param condition short, stable, machine-readable name (e.g. {@code "lf-without-cr"})
 * @param offset the byte offset where it occurs
 */
public record Violation(String condition, long offset) {

  public Violation {
    Objects.requireNonNull(condition, "condition");
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset");
    }
  }
}
