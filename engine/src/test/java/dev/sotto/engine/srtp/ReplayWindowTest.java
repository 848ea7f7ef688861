package dev.sotto.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bitmap window against a plain model: a set of received indices and the RFC 3711 §3.3.2 rule. */
class ReplayWindowTest {

    @Test
    void agreesWithASetModel() {
        long seed = Seeds.seed();
        SplittableRandom r = Seeds.random(seed);
        for (int size : new int[] {64, 128, 1024}) {
            ReplayWindow w = new ReplayWindow(size);
            Set<Long> seen = new HashSet<>();
            long highest = -1;
            long cursor = r.nextLong(1L << 40);
            for (int step = 0; step < 20_000; step++) {
                // Mostly forward, sometimes jumps, sometimes far back.
                int kind = r.nextInt(10);
                long index = kind < 6 ? cursor + r.nextInt(4) : kind < 8 ? cursor - r.nextInt(size + 10)
                        : cursor + r.nextInt(3 * size);
                if (index < 0) {
                    continue;
                }
                cursor = Math.max(cursor, index);
                ReplayWindow.Verdict expected = index > highest ? ReplayWindow.Verdict.FRESH
                        : highest - index >= size ? ReplayWindow.Verdict.TOO_OLD
                        : seen.contains(index) ? ReplayWindow.Verdict.REPLAYED : ReplayWindow.Verdict.FRESH;
                assertThat(w.check(index)).as("%s size %d step %d index %d", Seeds.replay(seed), size, step, index)
                        .isEqualTo(expected);
                if (expected == ReplayWindow.Verdict.FRESH) {
                    w.accept(index);
                    seen.add(index);
                    highest = Math.max(highest, index);
                }
            }
        }
    }

    @Test
    void sizeIsRoundedUpToAPowerOfTwoOfAtLeast64() {
        assertThat(new ReplayWindow(64).size()).isEqualTo(64);
        assertThat(new ReplayWindow(100).size()).isEqualTo(128);
        assertThat(new ReplayWindow(128).size()).isEqualTo(128);
    }
}
