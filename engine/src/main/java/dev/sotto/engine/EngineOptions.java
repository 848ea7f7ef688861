package dev.sotto.engine;

import dev.sotto.engine.xmpp.ReconnectBackoff;
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
 */
public record EngineOptions(int eventLoopThreads, XmppSessionConfig session, ReconnectBackoff backoff,
        long queueTimeoutNanos, SecureRandom random) {

    public EngineOptions {
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("at least one event loop thread");
        }
    }

    /** Two loops, default session limits and backoff, a two-minute send queue. */
    public static EngineOptions defaults() {
        return new EngineOptions(2, XmppSessionConfig.DEFAULTS, ReconnectBackoff.DEFAULTS,
                TimeUnit.MINUTES.toNanos(2), new SecureRandom());
    }

    public EngineOptions withEventLoopThreads(int n) {
        return new EngineOptions(n, session, backoff, queueTimeoutNanos, random);
    }

    public EngineOptions withQueueTimeoutNanos(long nanos) {
        return new EngineOptions(eventLoopThreads, session, backoff, nanos, random);
    }
}
