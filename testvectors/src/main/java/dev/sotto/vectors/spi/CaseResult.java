package dev.sotto.vectors.spi;

import java.util.Objects;

/**
 * The outcome of one vector case.
 *
 * @param id stable case id within its suite (e.g. {@code "B.3-keystream"}), used in reports
 * @param passed whether Sotto reproduced the vector
 * @param reason why it failed, in a few words; empty when passed. Vectors are public, so a reason
 *     may name expected and actual values, but it must never contain a real secret.
 */
public record CaseResult(String id, boolean passed, String reason) {

  public CaseResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
  }

  public static CaseResult pass(String id) {
    return new CaseResult(id, true, "");
  }

  public static CaseResult fail(String id, String reason) {
    return new CaseResult(id, false, reason);
  }
}
