package dev.sotto.engine.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * GHASH (NIST SP 800-38D §6.4) over preallocated state, for {@link AesGcmTransform}: the JCE's GCM
 * allocates a fresh engine on every {@code Cipher.init}, which a per-packet IV requires, so SRTP's GCM
 * profiles build GCM from a reused AES/ECB Cipher (counter blocks) and this class.
 *
 * <p>Field elements are two longs, {@code hi} holding octets 0..7 and {@code lo} octets 8..15, in the
 * specification's bit order (the leftmost bit is the coefficient of x^0). Multiplication by the hash key H
 * is linear in the multiplicand, so X·H is the XOR over X's sixteen octets of T_i[x_i], with
 * T_i[b] = b·x^(8i)·H precomputed per key (16 tables of 256 elements, 64 KiB): sixteen lookups per block,
 * no shifts or reductions. Like every table-driven GHASH, its memory access pattern depends on H and the
 * data (a cache-timing channel on a shared core); the JCE's own GCM uses CLMUL instructions, which Java
 * code cannot reach.
 *
 * <p>Streaming: {@link #update} may be called any number of times per section (AAD, then ciphertext);
 * {@link #padSection} zero-pads the section's last partial block (§7.1 step 5), {@link #finish} appends
 * the length block. One instance per key, one thread.
 */
final class Ghash {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** T_i[b] for octet position i and octet value b, at index ((i << 8) | b) << 1 (hi) and + 1 (lo). */
    private final long[] table = new long[16 * 256 * 2];
    private long yHi;
    private long yLo;
    private final byte[] partial = new byte[16];
    private int partialLength;

    /** @param h the hash subkey H = E_K(0^128) (§6.4), 16 octets */
    Ghash(byte[] h) {
        // Single bits first: octet position i, bit value 0x80 >> j is the monomial x^(8i + j), times H.
        long vHi = getLong(h, 0);
        long vLo = getLong(h, 8);
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 8; j++) {
                int at = ((i << 8) | (0x80 >>> j)) << 1;
                table[at] = vHi;
                table[at + 1] = vLo;
                // V·x: shift right by one; the bit falling off lo reduces by x^128 = x^7 + x^2 + x + 1 (§6.3).
                long carry = vLo & 1;
                vLo = (vLo >>> 1) | (vHi << 63);
                vHi = (vHi >>> 1) ^ (-carry & 0xE100000000000000L);
            }
            // Every other octet value by linearity: T[b] = T[b without its lowest set bit] xor T[that bit].
            for (int value = 1; value < 256; value++) {
                int low = value & -value;
                if (low != value) {
                    int at = ((i << 8) | value) << 1;
                    int rest = ((i << 8) | (value ^ low)) << 1;
                    int bit = ((i << 8) | low) << 1;
                    table[at] = table[rest] ^ table[bit];
                    table[at + 1] = table[rest + 1] ^ table[bit + 1];
                }
            }
        }
    }

    /** Starts a new GHASH computation (Y_0 = 0). */
    void reset() {
        yHi = 0;
        yLo = 0;
        partialLength = 0;
    }

    /** Absorbs octets into the current section. */
    void update(byte[] b, int off, int len) {
        if (partialLength > 0) {
            int take = Math.min(len, 16 - partialLength);
            System.arraycopy(b, off, partial, partialLength, take);
            partialLength += take;
            off += take;
            len -= take;
            if (partialLength < 16) {
                return;
            }
            block(getLong(partial, 0), getLong(partial, 8));
            partialLength = 0;
        }
        int end = off + len - 15;
        while (off < end) {
            block(getLong(b, off), getLong(b, off + 8));
            off += 16;
        }
        int rest = len & 15;
        if (rest > 0) {
            System.arraycopy(b, off, partial, 0, rest);
            partialLength = rest;
        }
    }

    /** Ends a section: a partial last block is padded with zeros (§7.1: A || 0^v, C || 0^u). */
    void padSection() {
        if (partialLength > 0) {
            java.util.Arrays.fill(partial, partialLength, 16, (byte) 0);
            block(getLong(partial, 0), getLong(partial, 8));
            partialLength = 0;
        }
    }

    /**
     * Absorbs the length block [len(A)]64 || [len(C)]64 (in bits) and XORs the result with {@code mask}
     * (E_K(J0)) into {@code out[outOff..outOff+16)}: the full tag (§7.1 steps 5-6).
     */
    void finish(long aadOctets, long cipherOctets, byte[] mask, int maskOff, byte[] out, int outOff) {
        padSection();
        block(aadOctets << 3, cipherOctets << 3);
        putLong(out, outOff, yHi ^ getLong(mask, maskOff));
        putLong(out, outOff + 8, yLo ^ getLong(mask, maskOff + 8));
    }

    /** Y = (Y xor X)·H as the XOR of one table entry per octet of Y xor X (unrolled: the JIT keeps it branch-free). */
    private void block(long xHi, long xLo) {
        long aHi = yHi ^ xHi;
        long aLo = yLo ^ xLo;
        long[] t = table;
        int at;
        at = 0 | ((int) (aHi >>> 56) & 0xff) << 1;
        long zHi = t[at];
        long zLo = t[at + 1];
        at = 512 | ((int) (aHi >>> 48) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 1024 | ((int) (aHi >>> 40) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 1536 | ((int) (aHi >>> 32) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 2048 | ((int) (aHi >>> 24) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 2560 | ((int) (aHi >>> 16) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 3072 | ((int) (aHi >>> 8) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 3584 | ((int) aHi & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 4096 | ((int) (aLo >>> 56) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 4608 | ((int) (aLo >>> 48) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 5120 | ((int) (aLo >>> 40) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 5632 | ((int) (aLo >>> 32) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 6144 | ((int) (aLo >>> 24) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 6656 | ((int) (aLo >>> 16) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 7168 | ((int) (aLo >>> 8) & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        at = 7680 | ((int) aLo & 0xff) << 1;
        zHi ^= t[at];
        zLo ^= t[at + 1];
        yHi = zHi;
        yLo = zLo;
    }

    /** Zeroes the tables and state (they are derived from the key). */
    void destroy() {
        java.util.Arrays.fill(table, 0);
        java.util.Arrays.fill(partial, (byte) 0);
        yHi = 0;
        yLo = 0;
    }

    static long getLong(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    static void putLong(byte[] b, int at, long v) {
        LONGS.set(b, at, v);
    }
}
