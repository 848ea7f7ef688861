package dev.sotto.engine.xmpp;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for reconnects: attempt n waits a uniformly random time in
 * [base·2ⁿ / 2, base·2ⁿ], capped at {@code maxNanos} ("equal jitter"), so many clients dropped by one server
 * restart do not come back in lock-step.
 *
 * @param baseNanos the first attempt's upper bound
 * @param maxNanos the cap
 */
public record ReconnectBackoff(long baseNanos, long maxNanos) {

    public static final ReconnectBackoff DEFAULTS = new ReconnectBackoff(500_000_000L, 60_000_000_000L);

    /** The delay before attempt {@code attempt} (0 = the first reconnect). */
    public long delayNanos(int attempt, RandomGenerator random) {
        long ceiling = baseNanos;
        for (int i = 0; i < attempt && ceiling < maxNanos; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxNanos);
        long half = ceiling / 2;
        return half + (half == 0 ? 0 : random.nextLong(ceiling - half + 1));
    }
}
