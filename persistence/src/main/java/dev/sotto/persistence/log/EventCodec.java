package dev.sotto.persistence.log;

/**
 * Turns domain events into payload bytes and back. The engine's implementation uses protobuf (a versioned
 * schema: fields can be added without breaking old logs, DESIGN.md Events); the log itself only sees bytes.
 */
public interface EventCodec<E> {
    byte[] encode(E event);

    /** Throws {@link IllegalArgumentException} for bytes that are not an event of this schema. */
    E decode(byte[] payload);
}
