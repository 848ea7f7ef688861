package dev.sotto.vectors.selftest;

import dev.sotto.vectors.spi.CaseResult;
import dev.sotto.vectors.spi.VectorSource;
import dev.sotto.vectors.spi.VectorSuite;
import java.util.List;

/** Test-only suite with one passing and one failing case. */
public final class SelftestFailSuite implements VectorSuite {

  @Override
  public String name() {
    return "selftest-fail";
  }

  @Override
  public String source() {
    return "Sotto self-test (failing)";
  }

  @Override
  public List<CaseResult> run(VectorSource vectors) {
    return List.of(CaseResult.pass("good"), CaseResult.fail("bad", "expected 01 got 02"));
  }
}
