package dev.sotto.persistence.log;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The typed layer over {@link EventLog}: the engine appends and replays its own event records. */
public final class TypedEventLog<E> {
    /** One decoded event with its place in the log. */
    public record Entry<E>(long position, StreamId stream, long sequence, Instant timestamp, E event) {
        @Override
        public String toString() {
            return "Entry[position=" + position + ", type=" + event.getClass().getSimpleName() + "]";
        }
    }

    private final EventLog log;
    private final EventCodec<E> codec;

    public TypedEventLog(EventLog log, EventCodec<E> codec) {
        this.log = log;
        this.codec = codec;
    }

    public CompletableFuture<Long> append(StreamId stream, E event) {
        return log.append(stream, codec.encode(event));
    }

    public ReplayStats replay(long fromPosition, Consumer<Entry<E>> consumer) throws LogTamperedException {
        return log.replay(fromPosition, r -> consumer.accept(decode(r)));
    }

    public LogSubscription follow(long fromPosition, Consumer<Entry<E>> consumer) {
        return log.follow(fromPosition, r -> consumer.accept(decode(r)));
    }

    private Entry<E> decode(LogRecord r) {
        return new Entry<>(r.position(), r.stream(), r.sequence(), r.timestamp(), codec.decode(r.payload()));
    }
}
