package dev.sotto.persistence.log;

import java.time.Instant;

/**
 * One decrypted, authenticated event of the log.
 *
 * @param position  its place in the log's single total order (0-based)
 * @param stream    the stream it was appended to
 * @param sequence  its number within that stream (0-based)
 * @param timestamp when it was appended (wall clock; stored inside the ciphertext)
 * @param payload   the caller's bytes (never printed by {@link #toString()})
 */
public record LogRecord(long position, StreamId stream, long sequence, Instant timestamp, byte[] payload) {
    @Override
    public String toString() {
        return "LogRecord[position=" + position + ", sequence=" + sequence + ", " + payload.length + " bytes]";
    }
}
