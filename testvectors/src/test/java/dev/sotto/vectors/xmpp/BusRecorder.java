package dev.sotto.vectors.xmpp;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects the events of an engine's bus and lets a test wait for one, with a deadline. */
final class BusRecorder implements Consumer<Object> {
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    final List<Object> all = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Object e) {
        all.add(e);
        queue.add(e);
    }

    /** The first event (not yet consumed) of {@code type} matching {@code p}, waiting at most {@code seconds}. */
    <T> T await(Class<T> type, Predicate<T> p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            Object e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                return fail("no " + type.getSimpleName() + " within " + seconds + " s; events: " + all);
            }
            if (type.isInstance(e) && p.test(type.cast(e))) {
                return type.cast(e);
            }
        }
    }

    <T> T await(Class<T> type, long seconds) throws InterruptedException {
        return await(type, e -> true, seconds);
    }
}
