package dev.sotto.engine.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) over two reused JCE SHA-1 digests, writing into a caller's array.
 *
 * <p>Why not {@code javax.crypto.Mac}: in JDK 17 {@code Mac.doFinal(byte[], int)} returns through
 * {@code HmacCore.engineDoFinal()}, which allocates the inner and outer digest arrays on every call, and
 * the SRTP hot path must not allocate (issue 8). The SHA-1 compression is the same intrinsic either way.
 */
final class HmacSha1 {

    private static final int BLOCK = 64;
    static final int LENGTH = 20;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] innerHash = new byte[LENGTH];

    HmacSha1(byte[] key) {
        try {
            inner = MessageDigest.getInstance("SHA-1");
            outer = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JCE provider", e);
        }
        byte[] k = key.length > BLOCK ? inner.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        inner.update(innerPad);
    }

    /** Zeroes the pads and the last inner hash; the digests are reset. */
    void destroy() {
        Arrays.fill(innerPad, (byte) 0);
        Arrays.fill(outerPad, (byte) 0);
        Arrays.fill(innerHash, (byte) 0);
        inner.reset();
        outer.reset();
    }

    void update(byte[] b, int off, int len) {
        inner.update(b, off, len);
    }

    /** Writes the 20-octet MAC to {@code out[off..]} and starts the next message. */
    void doFinal(byte[] out, int off) {
        try {
            inner.digest(innerHash, 0, LENGTH);
            outer.update(outerPad);
            outer.update(innerHash, 0, LENGTH);
            outer.digest(out, off, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 output buffers are 20 octets", e);
        }
        inner.update(innerPad);
    }
}
