package dev.sotto.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix A, cases worked by hand. */
class SrtpIndexTest {

    @Test
    void sameRolloverCounterNearTheHighest() {
        assertThat(SrtpIndex.estimate(0x0000_1000L, 0x1001)).isEqualTo(0x1001);
        assertThat(SrtpIndex.estimate(0x0000_1000L, 0x0fff)).isEqualTo(0x0fff);
    }

    @Test
    void wrapForwardUsesRocPlusOne() {
        // s_l = 0xfff0 >= 2^15 and s_l - 2^15 = 0x7ff0 > SEQ 0x0005: v = ROC + 1.
        assertThat(SrtpIndex.estimate(0x0002_fff0L, 0x0005)).isEqualTo(0x0003_0005L);
    }

    @Test
    void lateFromBeforeTheWrapUsesRocMinusOne() {
        // s_l = 0x0005 < 2^15 and SEQ - s_l = 0xffeb > 2^15: v = ROC - 1.
        assertThat(SrtpIndex.estimate(0x0003_0005L, 0xfff0)).isEqualTo(0x0002_fff0L);
    }

    @Test
    void rocMinusOneBelowZeroIsNoIndex() {
        assertThat(SrtpIndex.estimate(0x0000_0005L, 0xfff0)).isNegative();
    }
}
