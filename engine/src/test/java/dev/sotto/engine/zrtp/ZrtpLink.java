package dev.sotto.engine.zrtp;

import dev.sotto.engine.sansio.Input;
import dev.sotto.engine.sansio.Output;
import dev.sotto.engine.sansio.Outputs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Two {@link ZrtpEndpoint}s on a simulated link with simulated time: datagrams take {@code latency} nanoseconds,
 * may be lost or reordered (seeded), and may be rewritten in flight (tamper tests). Timers fire in deadline order.
 */
final class ZrtpLink {

    /** One end: its endpoint, armed timers and everything it emitted. */
    static final class Side {
        final String name;
        final ZrtpEndpoint endpoint;
        final Map<String, Long> timers = new HashMap<>();
        final List<Object> events = new ArrayList<>();
        final List<byte[]> sent = new ArrayList<>();
        final List<Long> sentAt = new ArrayList<>();
        /** Where emitted events also go, e.g. a {@code SottoEngine::emit} that stores the durable ones. */
        java.util.function.Consumer<Object> sink = e -> {};

        Side(String name, ZrtpEndpoint endpoint) {
            this.name = name;
            this.endpoint = endpoint;
        }

        <T> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private record Flight(long at, long order, Side to, byte[] bytes) {}

    final Side a;
    final Side b;
    private final PriorityQueue<Flight> inFlight = new PriorityQueue<>((x, y) -> x.at != y.at
            ? Long.compare(x.at, y.at) : Long.compare(x.order, y.order));
    private final Random random;
    private final double loss;
    private final long latency;
    private final long jitter;
    private long order;
    long now = 1_000_000_000L;
    UnaryOperator<byte[]> tamperAtoB = UnaryOperator.identity();
    UnaryOperator<byte[]> tamperBtoA = UnaryOperator.identity();

    ZrtpLink(ZrtpEndpoint a, ZrtpEndpoint b, long seed, double loss, long latency, long jitter) {
        this.a = new Side("a", a);
        this.b = new Side("b", b);
        this.random = new Random(seed);
        this.loss = loss;
        this.latency = latency;
        this.jitter = jitter;
    }

    ZrtpLink(ZrtpEndpoint a, ZrtpEndpoint b) {
        this(a, b, 0, 0, 1_000_000L, 0);
    }

    void start() {
        apply(a, a.endpoint.start(now));
        apply(b, b.endpoint.start(now));
    }

    /** Runs until both ends are secure or failed and nothing is left to do, or until {@code limitNanos}. */
    void run(long limitNanos) {
        long end = now + limitNanos;
        while (now < end) {
            Flight f = inFlight.peek();
            Side timerSide = null;
            String timerId = null;
            long timerAt = Long.MAX_VALUE;
            for (Side s : List.of(a, b)) {
                for (Map.Entry<String, Long> t : s.timers.entrySet()) {
                    if (t.getValue() < timerAt) {
                        timerAt = t.getValue();
                        timerSide = s;
                        timerId = t.getKey();
                    }
                }
            }
            if (f == null && timerSide == null) {
                return;
            }
            if (f != null && f.at <= timerAt) {
                inFlight.poll();
                now = Math.max(now, f.at);
                apply(f.to, f.to.endpoint.handle(new Input.Received(f.bytes), now));
            } else {
                now = Math.max(now, timerAt);
                timerSide.timers.remove(timerId);
                apply(timerSide, timerSide.endpoint.handle(new Input.TimerFired(timerId), now));
            }
            if (done() && inFlight.isEmpty()) {
                return;
            }
        }
    }

    private boolean done() {
        return (a.endpoint.isSecure() || a.endpoint.errorCode().isPresent())
                && (b.endpoint.isSecure() || b.endpoint.errorCode().isPresent());
    }

    void apply(Side from, Outputs outputs) {
        Side to = from == a ? b : a;
        for (Output o : outputs.list()) {
            if (o instanceof Output.Send s) {
                from.sent.add(s.bytes());
                from.sentAt.add(now);
                byte[] bytes = (from == a ? tamperAtoB : tamperBtoA).apply(s.bytes().clone());
                if (bytes == null || loss > 0 && random.nextDouble() < loss) {
                    continue;
                }
                long delay = latency + (jitter > 0 ? (long) (random.nextDouble() * jitter) : 0);
                inFlight.add(new Flight(now + delay, order++, to, bytes));
            } else if (o instanceof Output.ArmTimer t) {
                from.timers.put(t.id(), t.deadline());
            } else if (o instanceof Output.CancelTimer c) {
                from.timers.remove(c.id());
            } else if (o instanceof Output.Emit e) {
                from.events.add(e.event());
                from.sink.accept(e.event());
            }
        }
    }
}
