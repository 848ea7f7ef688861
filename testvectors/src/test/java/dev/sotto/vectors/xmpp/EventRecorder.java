package dev.sotto.vectors.xmpp;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sotto.engine.event.XmppEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects a client's events from its event loop and lets a test wait for one, with a deadline. */
final class EventRecorder implements Consumer<XmppEvent> {
    private final LinkedBlockingQueue<XmppEvent> queue = new LinkedBlockingQueue<>();
    final List<XmppEvent> all = new CopyOnWriteArrayList<>();

    @Override
    public void accept(XmppEvent e) {
        all.add(e);
        queue.add(e);
    }

    /** The first event (not yet consumed) matching {@code p}, waiting at most {@code seconds}. */
    <T extends XmppEvent> T await(Class<T> type, Predicate<T> p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            XmppEvent e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                return fail("no " + type.getSimpleName() + " within " + seconds + " s; events: " + all);
            }
            if (type.isInstance(e) && p.test(type.cast(e))) {
                return type.cast(e);
            }
        }
    }

    <T extends XmppEvent> T await(Class<T> type, long seconds) throws InterruptedException {
        return await(type, e -> true, seconds);
    }

    /** Whether an event matching {@code p} arrives within {@code seconds} (waits the whole time when none does). */
    boolean arrives(Predicate<XmppEvent> p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            XmppEvent e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                return false;
            }
            if (p.test(e)) {
                return true;
            }
        }
    }
}
