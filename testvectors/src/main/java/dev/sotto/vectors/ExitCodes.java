package dev.sotto.vectors;

/** Exit codes of {@code sotto-vectors}; scripts and tests rely on them, so they never change. */
final class ExitCodes {

  /** All vectors passed / the input is accepted. */
  static final int OK = 0;

  /** A vector failed / the input must be rejected. */
  static final int FAILED = 1;

  /** Invalid usage: unknown option, codec or suite, unreadable input. */
  static final int USAGE = 2;

  /** A bug: a suite discovery or codec threw. Distinct from 1 so a crash never reads as "reject". */
  static final int INTERNAL = 3;

  private ExitCodes() {}
}
