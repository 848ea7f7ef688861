package dev.sotto.vectors.spi;

/**
 * What a {@link CodecTool} made of an input: {@link Accepted} when a conforming implementation
 * would accept it, {@link Rejected} when it must reject it.
 */
public sealed interface ParseOutcome permits Accepted, Rejected {}
