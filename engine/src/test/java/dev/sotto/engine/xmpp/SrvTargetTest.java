package dev.sotto.engine.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SRV RDATA (RFC 2782) parsing on hostile bytes and the RFC 2782 order of targets. */
class SrvTargetTest {

    private static final long SEED = Long.getLong("sotto.test.seed", System.nanoTime());

    /** RFC 2782: priority 10, weight 5, port 5222, target xmpp.example.org (labels, uncompressed). */
    private static final byte[] RDATA = {0, 10, 0, 5, 0x14, 0x66, 4, 'x', 'm', 'p', 'p', 7, 'e', 'x', 'a', 'm', 'p',
            'l', 'e', 3, 'o', 'r', 'g', 0};

    @Test
    void parsesTheRfc2782Fields() {
        assertThat(SrvTarget.parse(RDATA)).isEqualTo(new SrvTarget(10, 5, 5222, "xmpp.example.org"));
        SrvTarget none = SrvTarget.parse(new byte[] {0, 0, 0, 0, 0, 0, 0});
        assertThat(none.host()).isEqualTo(".");
        assertThat(none.noService()).isTrue();
    }

    @Test
    void everyTruncationAndACompressionPointerAreRejectedWithoutThrowing() {
        for (int len = 0; len < RDATA.length; len++) {
            assertThat(SrvTarget.parse(java.util.Arrays.copyOf(RDATA, len))).as("length %d", len).isNull();
        }
        assertThat(SrvTarget.parse(new byte[] {0, 1, 0, 1, 0, 1, (byte) 0xc0, 0x0c})).isNull();
        byte[] trailing = java.util.Arrays.copyOf(RDATA, RDATA.length + 1);
        assertThat(SrvTarget.parse(trailing)).isNull();
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(SEED);
        try {
            for (int i = 0; i < 20_000; i++) {
                byte[] b = new byte[r.nextInt(40)];
                r.nextBytes(b);
                SrvTarget.parse(b);
            }
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + SEED + " (-Dsotto.test.seed=" + SEED + ")", e);
        }
    }

    @Test
    void orderIsByPriorityThenWeightedRandom() {
        Random r = new Random(SEED);
        List<SrvTarget> records = List.of(new SrvTarget(20, 0, 1, "c"), new SrvTarget(10, 0, 2, "a0"),
                new SrvTarget(10, 100, 3, "a100"), new SrvTarget(30, 7, 4, "d"));
        int heavyFirst = 0;
        for (int i = 0; i < 1000; i++) {
            List<SrvTarget> o = SrvTarget.order(records, r);
            assertThat(o).as("seed %d", SEED).containsExactlyInAnyOrderElementsOf(records);
            List<SrvTarget> byPriority = new ArrayList<>(o);
            byPriority.sort(Comparator.comparingInt(SrvTarget::priority));
            assertThat(o.stream().map(SrvTarget::priority).toList())
                    .isEqualTo(byPriority.stream().map(SrvTarget::priority).toList());
            if (o.get(0).host().equals("a100")) {
                heavyFirst++;
            }
        }
        // RFC 2782: weight 0 has a very small chance (here 1 in 101) to be chosen first; weight 100 the rest.
        assertThat(heavyFirst).as("seed %d", SEED).isGreaterThan(950);
    }
}
