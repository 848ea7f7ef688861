package dev.sotto.vectors.selftest;

import dev.sotto.vectors.spi.CaseResult;
import dev.sotto.vectors.spi.VectorSource;
import dev.sotto.vectors.spi.VectorSuite;
import java.util.List;

/** Test-only suite that cannot run: it asks for a vector file that does not exist. */
public final class SelftestThrowingSuite implements VectorSuite {

  @Override
  public String name() {
    return "selftest-throws";
  }

  @Override
  public String source() {
    return "Sotto self-test (missing file)";
  }

  @Override
  public List<CaseResult> run(VectorSource vectors) throws Exception {
    vectors.read("selftest/does-not-exist.txt");
    return List.of(CaseResult.pass("unreachable"));
  }
}
