package dev.sotto.persistence.log;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A live tail of the log ({@link EventLog#follow}): first the records from the requested position up to
 * the moment of subscribing, read from disk, then each new record as the writer commits it, with no gap
 * and no duplicate. The consumer runs on this subscription's own thread, never on the writer's.
 */
public final class LogSubscription implements AutoCloseable {
    private final EventLog log;
    private final long fromPosition;
    private final Consumer<LogRecord> consumer;
    final CompletableFuture<Long> liveFrom = new CompletableFuture<>();
    /** The documents written before {@link #liveFrom} completed (set by the writer just before): the history's end. */
    volatile long liveFromDocument;
    private final LinkedBlockingQueue<LogRecord> live = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean closed;

    LogSubscription(EventLog log, long fromPosition, Consumer<LogRecord> consumer) {
        this.log = log;
        this.fromPosition = fromPosition;
        this.consumer = consumer;
        this.thread = new Thread(this::run, "sotto-log-follower");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Called by the writer thread, in log order, for records at or after {@link #liveFrom}. */
    void offer(LogRecord record) {
        if (!closed) {
            live.add(record);
        }
    }

    private void run() {
        try {
            liveFrom.join();
            log.replayRange(fromPosition, liveFromDocument, consumer);
            while (!closed) {
                LogRecord next = live.take();
                if (next.position() >= fromPosition) {
                    consumer.accept(next);
                }
            }
            finished.complete(null);
        } catch (InterruptedException e) {
            finished.complete(null);
        } catch (LogTamperedException | RuntimeException e) {
            finished.completeExceptionally(e);
        }
    }

    /** Completes when the subscription stops: normally after {@link #close()}, exceptionally on tampering. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    @Override
    public void close() {
        closed = true;
        log.unsubscribe(this);
        thread.interrupt();
    }
}
