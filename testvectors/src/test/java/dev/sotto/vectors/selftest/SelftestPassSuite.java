package dev.sotto.vectors.selftest;

import dev.sotto.vectors.spi.CaseResult;
import dev.sotto.vectors.spi.VectorSource;
import dev.sotto.vectors.spi.VectorSuite;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Test-only suite that passes when {@code selftest/hello.txt} says "hello vectors", so tests can
 * check both vector sources (jar resources and {@code --dir}). Registered only through
 * {@link SelftestProviders}, never in a services file, so no other test discovers it.
 */
public final class SelftestPassSuite implements VectorSuite {

  @Override
  public String name() {
    return "selftest-pass";
  }

  @Override
  public String source() {
    return "Sotto self-test";
  }

  @Override
  public List<CaseResult> run(VectorSource vectors) throws Exception {
    String hello = new String(vectors.read("selftest/hello.txt"), StandardCharsets.UTF_8);
    return List.of(
        CaseResult.pass("always"),
        "hello vectors\n".equals(hello)
            ? CaseResult.pass("hello")
            : CaseResult.fail("hello", "unexpected content of selftest/hello.txt"));
  }
}
