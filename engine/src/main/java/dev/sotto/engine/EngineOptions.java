package dev.sotto.engine;

import dev.sotto.engine.xmpp.ReconnectBackoff;
import dev.sotto.engine.xmpp.XmppNetwork;
import dev.sotto.engine.xmpp.XmppSessionConfig;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * How a {@link SottoEngine} runs, in one place.
 *
 * @param eventLoopThreads threads of the one Netty event loop group all accounts share (each account is pinned to
 *     one loop of it)
 * @param session the XMPP session's limits and intervals
 * @param backoff reconnect backoff after a drop
 * @param queueTimeoutNanos how long a message sent while disconnected waits before it is reported failed
 * @param random the random source (stanza ids, SCRAM nonces, backoff jitter)
 * @param network trust store and DNS for every account, or {@code null} for the JDK's trust store and the system's
 *     DNS (the engine then creates and closes its own)
 */
public record EngineOptions(int eventLoopThreads, XmppSessionConfig session, ReconnectBackoff backoff,
        long queueTimeoutNanos, SecureRandom random, XmppNetwork network) {

    public EngineOptions {
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("at least one event loop thread");
        }
    }

    /** Two loops, default session limits and backoff, a two-minute send queue. */
    public static EngineOptions defaults() {
        return new EngineOptions(2, XmppSessionConfig.DEFAULTS, ReconnectBackoff.DEFAULTS,
                TimeUnit.MINUTES.toNanos(2), new SecureRandom(), null);
    }

    public EngineOptions withEventLoopThreads(int n) {
        return new EngineOptions(n, session, backoff, queueTimeoutNanos, random, network);
    }

    public EngineOptions withQueueTimeoutNanos(long nanos) {
        return new EngineOptions(eventLoopThreads, session, backoff, nanos, random, network);
    }

    /** The same options with this trust store and DNS (the caller keeps ownership and closes it). */
    public EngineOptions withNetwork(XmppNetwork n) {
        return new EngineOptions(eventLoopThreads, session, backoff, queueTimeoutNanos, random, n);
    }

    public EngineOptions withBackoff(ReconnectBackoff b) {
        return new EngineOptions(eventLoopThreads, session, b, queueTimeoutNanos, random, network);
    }
}
