package dev.sotto.engine.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void delaysDoubleWithinHalfToFullAndStopAtTheCap() {
        long seed = Long.getLong("sotto.test.seed", 7L);
        Random r = new Random(seed);
        ReconnectBackoff b = new ReconnectBackoff(1_000, 16_000);
        for (int i = 0; i < 1000; i++) {
            for (int attempt = 0; attempt < 10; attempt++) {
                long ceiling = Math.min(16_000, 1_000L << attempt);
                long d = b.delayNanos(attempt, r);
                assertThat(d).as("seed %d attempt %d", seed, attempt).isBetween(ceiling / 2, ceiling);
            }
        }
        assertThat(b.delayNanos(Integer.MAX_VALUE, r)).isBetween(8_000L, 16_000L);
    }

    @Test
    void jitterSpreadsClientsApart() {
        Random r = new Random(1);
        ReconnectBackoff b = ReconnectBackoff.DEFAULTS;
        java.util.Set<Long> distinct = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            distinct.add(b.delayNanos(3, r));
        }
        assertThat(distinct).hasSizeGreaterThan(45);
    }
}
