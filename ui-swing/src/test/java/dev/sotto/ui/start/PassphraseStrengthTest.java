package dev.sotto.ui.start;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bits computed by hand from the documented rule: counted characters × log2(pool). */
class PassphraseStrengthTest {

    @Test
    void shorterThanEightIsRefused() {
        assertThat(PassphraseStrength.of("Ab1!xyz".toCharArray())).isEqualTo(PassphraseStrength.TOO_SHORT);
        assertThat(PassphraseStrength.TOO_SHORT.acceptable()).isFalse();
    }

    @Test
    void eightLowerCaseLettersAreWeak() {
        // 8 × log2(26) = 37.6 bits < 45
        assertThat(PassphraseStrength.of("abcdefgh".toCharArray())).isEqualTo(PassphraseStrength.WEAK);
    }

    @Test
    void repeatsCountForNothing() {
        // 20 chars but only 2 counted ("a" then a run): 2 × log2(26) = 9.4 bits
        assertThat(PassphraseStrength.of("aaaaaaaaaaaaaaaaaaab".toCharArray())).isEqualTo(PassphraseStrength.WEAK);
    }

    @Test
    void mixedClassesRaiseTheEstimate() {
        // 10 × log2(26+26+10+33=95) = 65.7 bits: good
        assertThat(PassphraseStrength.of("aB3$eF6&hJ".toCharArray())).isEqualTo(PassphraseStrength.GOOD);
        // 12 × log2(26+10=36) = 62.0 bits: fair
        assertThat(PassphraseStrength.of("abc123def456".toCharArray())).isEqualTo(PassphraseStrength.FAIR);
    }

    @Test
    void longPassphrasesAreStrong() {
        // 29 chars, 28 counted ("rr" is one run) × log2(26+33=59) = 164.7 bits
        assertThat(PassphraseStrength.of("correct horse battery staple".toCharArray()))
                .isEqualTo(PassphraseStrength.STRONG);
    }

    @Test
    void onlyThePrefixIsRead() {
        char[] buffer = "abcdefghXXXXXXXX".toCharArray();
        assertThat(PassphraseStrength.of(buffer, 7)).isEqualTo(PassphraseStrength.TOO_SHORT);
    }
}
