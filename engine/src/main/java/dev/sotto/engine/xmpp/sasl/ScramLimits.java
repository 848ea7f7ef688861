package dev.sotto.engine.xmpp.sasl;

/**
 * Bounds on what a server may ask of a SCRAM client, in one place.
 *
 * @param minIterations fewest iterations accepted (RFC 7677 §4 and RFC 5802 §9: at least 4096)
 * @param maxIterations most iterations accepted, so a hostile server cannot make us spin
 * @param maxMessageChars longest server message accepted
 */
public record ScramLimits(int minIterations, int maxIterations, int maxMessageChars) {
    public static final ScramLimits DEFAULTS = new ScramLimits(4096, 1_000_000, 4096);
}
