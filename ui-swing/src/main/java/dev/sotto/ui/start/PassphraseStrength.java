package dev.sotto.ui.start;

/**
 * A hint, not a gate (besides the minimum length): a rough estimate of a passphrase's strength from its
 * length and the character classes it uses, plus a penalty for runs of one character. It reads the
 * {@code char[]} in place and keeps nothing.
 *
 * <p>The estimate is {@code length × log2(pool)} bits, where the pool adds 26 for lower case, 26 for upper
 * case, 10 for digits, 33 for ASCII symbols and space, and 100 for anything else; characters equal to
 * their predecessor count for nothing. It overrates word lists and patterns, so the labels are modest.
 */
public enum PassphraseStrength {
    TOO_SHORT("Too short: at least " + PassphraseStrength.MIN_LENGTH + " characters"),
    WEAK("Weak: easy to guess offline; add words"),
    FAIR("Fair: better with another word or two"),
    GOOD("Good"),
    STRONG("Strong");

    /** The one hard rule: shorter passphrases are refused. */
    public static final int MIN_LENGTH = 8;

    private final String hint;

    PassphraseStrength(String hint) {
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }

    /** Whether a vault may be created with it. */
    public boolean acceptable() {
        return this != TOO_SHORT;
    }

    public static PassphraseStrength of(char[] passphrase) {
        return of(passphrase, passphrase.length);
    }

    /** The strength of the first {@code length} characters. */
    public static PassphraseStrength of(char[] passphrase, int length) {
        if (length < MIN_LENGTH) {
            return TOO_SHORT;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        boolean other = false;
        int counted = 0;
        for (int i = 0; i < length; i++) {
            char c = passphrase[i];
            if (i == 0 || c != passphrase[i - 1]) {
                counted++;
            }
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c >= 0x20 && c < 0x7f) {
                symbol = true;
            } else {
                other = true;
            }
        }
        int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
        double bits = counted * (Math.log(pool) / Math.log(2));
        if (bits < 45) {
            return WEAK;
        }
        if (bits < 65) {
            return FAIR;
        }
        if (bits < 90) {
            return GOOD;
        }
        return STRONG;
    }
}
