package dev.sotto.persistence.log;

import dev.sotto.persistence.proto.OuterRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * An event of the log whose outer layer and place in the chain the open walk authenticated, and whose inner layer
 * (sealed under its stream's key) it left sealed for a {@link DeferringReplay}. {@link #openAll} opens it later, on
 * any thread: its timestamp and payload as a {@link LogRecord}, or nothing once its stream has been forgotten (the key
 * is gone, as the content is meant to be). Holds ciphertext and no key (so a conversation nobody reads is never
 * decrypted in memory); {@link #toString()} names no content.
 */
public final class SealedRecord {
    /** Opens sealed records of one log (its key ring and record format). */
    interface Opener {
        List<LogRecord> open(List<SealedRecord> records, Consumer<LogTamperedException> failures);
    }

    private final Opener opener;
    private final long position;
    private final StreamId stream;
    private final OuterRecord outer;
    private final byte[] header;

    SealedRecord(Opener opener, long position, StreamId stream, OuterRecord outer, byte[] header) {
        this.opener = opener;
        this.position = position;
        this.stream = stream;
        this.outer = outer;
        this.header = header;
    }

    /** Its place in the log's single total order (as {@link LogRecord#position()}). */
    public long position() {
        return position;
    }

    public StreamId stream() {
        return stream;
    }

    /** Its number within its stream (as {@link LogRecord#sequence()}). */
    public long sequence() {
        return outer.getSequence();
    }

    OuterRecord outer() {
        return outer;
    }

    /** The record's clear header (format, key id, nonce): format 2 and a lone format-3 event take the inner nonce from it. */
    byte[] header() {
        return header;
    }

    Opener opener() {
        return opener;
    }

    /**
     * Opens the inner layers of {@code records} (all from one log, the one open now), in one pass: element i of the
     * result is record i opened, or {@code null} when its stream was forgotten since the walk or its inner layer did
     * not open. Each of the latter is also told to {@code failures}, with its position: the outer layer, checked at
     * unlock, authenticated those bytes, so only a key ring that does not belong to its log can cause it.
     *
     * @throws IllegalStateException the log has been closed (its keys are gone; nothing is opened)
     */
    public static List<LogRecord> openAll(List<SealedRecord> records, Consumer<LogTamperedException> failures) {
        if (records.isEmpty()) {
            return List.of();
        }
        Opener opener = records.get(0).opener;
        for (SealedRecord r : records) {
            if (r.opener != opener) {
                throw new IllegalArgumentException("sealed records of different logs");
            }
        }
        return opener.open(records, failures);
    }

    @Override
    public String toString() {
        return "SealedRecord[position=" + position + ", sequence=" + outer.getSequence() + "]";
    }
}
