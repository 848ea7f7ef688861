package dev.sotto.engine.srtp;

import java.util.SplittableRandom;

/** Seeded randomness for property loops: {@code -Dsotto.test.seed=N} replays a failing run. */
final class Seeds {

    private Seeds() {}

    static long seed() {
        String fixed = System.getProperty("sotto.test.seed");
        return fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    }

    static String replay(long seed) {
        return "seed " + seed + " (replay with -Dsotto.test.seed=" + seed + ")";
    }

    static SplittableRandom random(long seed) {
        return new SplittableRandom(seed);
    }
}
