package dev.sotto.vectors.spi;

/**
 * Exposes one codec to {@code sotto-vectors parse}: bytes in, the decoded structure (or the reason
 * a conforming implementation must reject them) out. Implementations register in
 * {@code META-INF/services/dev.sotto.vectors.spi.CodecTool}.
 *
 * <p>Like every decoder, {@link #parse} must not throw on any input (DESIGN.md, Decoders); the CLI
 * reports a thrown exception as an internal error (exit 3), never as a rejection.
 */
public interface CodecTool {

  /** Short, unique, lower-case name used on the command line, e.g. {@code "sip"}, {@code "rtp"}. */
  String name();

  /**
   * Decodes {@code input}.
   *
   * @param input the whole input
   * @param stream {@code true} for stream framing (TCP, TLS), {@code false} for one datagram
   */
  ParseOutcome parse(byte[] input, boolean stream);
}
