package dev.sotto.vectors.spi;

import java.util.Objects;

/**
 * The input must be rejected.
 *
 * @param condition a short, stable, machine-readable reason (e.g. {@code "header-too-long"}),
 *     the decoder's own condition name
 * @param offset the byte offset where the decoder gave up; the offending bytes themselves are
 *     never part of an error (DESIGN.md, Secrets)
 */
public record Rejected(String condition, long offset) implements ParseOutcome {

  public Rejected {
    Objects.requireNonNull(condition, "condition");
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset");
    }
  }
}
