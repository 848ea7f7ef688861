package dev.sotto.vectors.spi;

import java.util.List;

/**
 * A set of published test vectors (an RFC appendix, a reference implementation's test file) that
 * Sotto must reproduce. Implementations register in
 * {@code META-INF/services/dev.sotto.vectors.spi.VectorSuite} and are run by
 * {@code sotto-vectors validate}.
 *
 * <p>A suite must not depend on the order suites run in, nor on other suites.
 */
public interface VectorSuite {

  /** Short, unique, lower-case name used by {@code validate --suite}, e.g. {@code "srtp-kdf"}. */
  String name();

  /** Where the vectors come from, e.g. {@code "RFC 3711 App. B"}. */
  String source();

  /**
   * Runs every case. A failed case is a result, not an exception; an exception (for example a
   * missing vector file) fails the whole suite.
   *
   * @param vectors where to read the vector files from (jar resources, or {@code --dir})
   * @return one result per case; an empty list counts as a failure (a suite that checks nothing)
   */
  List<CaseResult> run(VectorSource vectors) throws Exception;
}
