package dev.sotto.persistence.log;

import java.util.function.Consumer;

/**
 * A replay that takes some streams' events with their inner layer still sealed (issue 10's start-up: a vault of
 * 100,000 messages reaches a usable window in 2 s). The open walk authenticates every record's outer layer and the
 * chain as always; the outer layer's plaintext holds the inner ciphertext, so every byte of a deferred event is
 * authenticated at unlock too. What is deferred is only opening the inner layer under the stream's key (AES-GCM) and
 * parsing it: for a stream this replay {@link #defers}, the walk hands it a {@link SealedRecord} instead of a
 * {@link LogRecord}, and the inner layer is opened when someone reads it ({@link SealedRecord#openAll}). The desktop
 * defers its conversations' streams: the main window lists the conversations and needs none of their texts.
 *
 * <p>Only {@link EventLog#open(java.nio.file.Path, dev.sotto.persistence.vault.KeyRingStore, boolean,
 * java.time.Clock, Consumer) the open walk's replay} defers; later replays hand out every event opened.
 */
public interface DeferringReplay extends Consumer<LogRecord> {

    /** Whether events of {@code stream} may come sealed; asked once per stream, on the opening thread, before the walk. */
    boolean defers(StreamId stream);

    /** An event of a deferred stream, in log order among the events {@link #accept} gets. */
    void acceptSealed(SealedRecord record);
}
