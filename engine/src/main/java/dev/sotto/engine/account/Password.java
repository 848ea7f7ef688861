package dev.sotto.engine.account;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An account password: a secret whose {@code toString()} prints nothing and which can be wiped (DESIGN.md,
 * Secrets). It exists in memory only while an account is configured; durably only inside the encrypted log.
 */
public final class Password {
    private final char[] chars;
    private boolean wiped;

    private Password(char[] chars) {
        this.chars = chars;
    }

    /** Copies {@code chars}; the caller may wipe its own array afterwards. */
    public static Password of(char[] chars) {
        return new Password(chars.clone());
    }

    /** For tests and the console, where the password arrives as a string anyway. */
    public static Password of(String s) {
        return new Password(s.toCharArray());
    }

    /** A fresh copy of the characters; the caller wipes it. */
    public char[] chars() {
        if (wiped) {
            throw new IllegalStateException("password was wiped");
        }
        return chars.clone();
    }

    /** The UTF-8 bytes of the password (after whatever preparation the caller applied); the caller wipes it. */
    public byte[] utf8() {
        char[] c = chars();
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(c));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        Arrays.fill(c, '\0');
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }

    /** Overwrites the characters; later use fails. */
    public void wipe() {
        Arrays.fill(chars, '\0');
        wiped = true;
    }

    @Override
    public String toString() {
        return "Password[redacted]";
    }
}
