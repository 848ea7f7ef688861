package dev.sotto.engine;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one in-process event bus (DESIGN.md, Durable or transient). Events are delivered in publication order on
 * the bus's own thread, so a slow subscriber never stalls an event loop or the log writer; a subscriber that
 * throws is skipped for that event, not removed.
 */
public final class EventBus implements AutoCloseable {

    /** A registration; closing it unsubscribes. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final CopyOnWriteArrayList<Consumer<Object>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sotto-bus");
        t.setDaemon(true);
        return t;
    });

    /** Adds {@code listener}; it sees every event published after this call. */
    public Subscription subscribe(Consumer<Object> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Removes {@code listener}. */
    public void unsubscribe(Consumer<Object> listener) {
        listeners.remove(listener);
    }

    /** Queues {@code event} for every subscriber. */
    public void publish(Object event) {
        if (dispatch.isShutdown()) {
            return;
        }
        try {
            dispatch.execute(() -> {
                for (Consumer<Object> l : listeners) {
                    try {
                        l.accept(event);
                    } catch (RuntimeException e) {
                        // A faulty subscriber must not silence the others; its own problem, never the event's text.
                        System.err.println("sotto: event subscriber failed: " + e.getClass().getSimpleName());
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: late events are dropped
        }
    }

    /** Delivers what is queued, then stops. */
    @Override
    public void close() {
        dispatch.shutdown();
        try {
            dispatch.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
