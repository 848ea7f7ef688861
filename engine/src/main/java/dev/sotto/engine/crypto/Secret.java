package dev.sotto.engine.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret value (DESIGN.md, Decisions: Secrets): its {@code toString()} prints nothing of the value and
 * it can be wiped. Holders copy out with {@link #bytes()} only where a primitive needs the value.
 */
public final class Secret {

    private final byte[] value;
    private volatile boolean wiped;

    private Secret(byte[] value) {
        this.value = value;
    }

    /** A secret holding a copy of {@code value}. */
    public static Secret of(byte[] value) {
        return new Secret(value.clone());
    }

    /** A secret holding the UTF-8 bytes of {@code text} (e.g. an account password as typed). */
    public static Secret ofUtf8(String text) {
        return new Secret(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A secret holding the UTF-8 bytes of {@code chars}; the caller may wipe its own array afterwards. */
    public static Secret ofUtf8(char[] chars) {
        java.nio.ByteBuffer b = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return new Secret(out);
    }

    /** A copy of the value. */
    public byte[] bytes() {
        if (wiped) {
            throw new IllegalStateException("secret was wiped");
        }
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** Overwrites the value with zeros; later {@link #bytes()} calls fail. */
    public void wipe() {
        Arrays.fill(value, (byte) 0);
        wiped = true;
    }

    public boolean isWiped() {
        return wiped;
    }

    /** Constant-time comparison of values. */
    public boolean sameValue(Secret other) {
        return MessageDigest.isEqual(value, other.value);
    }

    @Override
    public String toString() {
        return "Secret";
    }
}
