package dev.sotto.vectors;

import dev.sotto.vectors.spi.CaseResult;
import java.util.List;

/**
 * What one suite did in a {@code validate} run.
 *
 * @param suite the suite's name
 * @param source where its vectors come from (e.g. "RFC 3711 App. B")
 * @param cases one result per case, never empty (a suite that ran nothing gets a failed case)
 */
public record SuiteResult(String suite, String source, List<CaseResult> cases) {

  public SuiteResult {
    cases = List.copyOf(cases);
  }

  public long passed() {
    return cases.stream().filter(CaseResult::passed).count();
  }

  public long failed() {
    return cases.size() - passed();
  }
}
