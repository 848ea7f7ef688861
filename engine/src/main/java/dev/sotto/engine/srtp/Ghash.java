package dev.sotto.engine.srtp;

/**
 * GHASH (NIST SP 800-38D §6.4) over preallocated state, for {@link AesGcmTransform}: the JCE's GCM
 * allocates a fresh engine on every {@code Cipher.init}, which a per-packet IV requires, so SRTP's GCM
 * profiles build GCM from a reused AES/ECB Cipher (counter blocks) and this class.
 *
 * <p>Field elements are two longs, {@code hi} holding octets 0..7 and {@code lo} octets 8..15, in the
 * specification's bit order (the leftmost bit is the coefficient of x^0). Multiplication by the hash key H
 * uses Shoup's 8-bit method: a 256-entry table of b·H and a 256-entry reduction table for the octet
 * shifted out by a multiplication by x^8. Like every table-driven GHASH, its memory access pattern depends
 * on H and the data (a cache-timing channel on a shared core); the JCE's own GCM uses CLMUL instructions,
 * which Java code cannot reach.
 *
 * <p>Streaming: {@link #update} may be called any number of times per section (AAD, then ciphertext);
 * {@link #padSection} zero-pads the section's last partial block (§7.1 step 5), {@link #finish} appends
 * the length block. One instance per key, one thread.
 */
final class Ghash {

    /** R8[r]: what a multiplication by x^8 folds into the top of {@code hi} for the octet r shifted out of {@code lo}. */
    private static final long[] R8 = reductionTable();

    private final long[] tableHi = new long[256];
    private final long[] tableLo = new long[256];
    private long yHi;
    private long yLo;
    private final byte[] partial = new byte[16];
    private int partialLength;

    /** @param h the hash subkey H = E_K(0^128) (§6.4), 16 octets */
    Ghash(byte[] h) {
        long hHi = getLong(h, 0);
        long hLo = getLong(h, 8);
        // tableX[0x80] = H (octet value 0x80 is the polynomial 1); each lower bit is one more factor of x.
        long[] bitHi = new long[8];
        long[] bitLo = new long[8];
        long vHi = hHi;
        long vLo = hLo;
        for (int bit = 7; bit >= 0; bit--) {
            bitHi[bit] = vHi;
            bitLo[bit] = vLo;
            // V·x: shift right by one; the bit falling off lo reduces by x^128 = x^7 + x^2 + x + 1 (§6.3).
            long carry = vLo & 1;
            vLo = (vLo >>> 1) | (vHi << 63);
            vHi = (vHi >>> 1) ^ (-carry & 0xE100000000000000L);
        }
        for (int b = 0; b < 256; b++) {
            long th = 0;
            long tl = 0;
            for (int bit = 0; bit < 8; bit++) {
                if ((b & (1 << bit)) != 0) {
                    th ^= bitHi[bit];
                    tl ^= bitLo[bit];
                }
            }
            tableHi[b] = th;
            tableLo[b] = tl;
        }
    }

    private static long[] reductionTable() {
        long[] r = new long[256];
        for (int octet = 0; octet < 256; octet++) {
            long hi = 0;
            long lo = octet;
            for (int i = 0; i < 8; i++) {
                long carry = lo & 1;
                lo = (lo >>> 1) | (hi << 63);
                hi = (hi >>> 1) ^ (-carry & 0xE100000000000000L);
            }
            r[octet] = hi; // lo is zero again: every bit of the octet was shifted out and folded into hi
        }
        return r;
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

    /** Y = (Y xor X)·H, Horner's rule over the octets from the last (highest powers of x) to the first. */
    private void block(long xHi, long xLo) {
        long aHi = yHi ^ xHi;
        long aLo = yLo ^ xLo;
        long[] th = tableHi;
        long[] tl = tableLo;
        long[] r8 = R8;
        int b = (int) aLo & 0xff;
        long zHi = th[b];
        long zLo = tl[b];
        for (int shift = 8; shift < 64; shift += 8) {
            int r = (int) zLo & 0xff;
            zLo = (zLo >>> 8) | (zHi << 56);
            zHi = (zHi >>> 8) ^ r8[r];
            b = (int) (aLo >>> shift) & 0xff;
            zHi ^= th[b];
            zLo ^= tl[b];
        }
        for (int shift = 0; shift < 64; shift += 8) {
            int r = (int) zLo & 0xff;
            zLo = (zLo >>> 8) | (zHi << 56);
            zHi = (zHi >>> 8) ^ r8[r];
            b = (int) (aHi >>> shift) & 0xff;
            zHi ^= th[b];
            zLo ^= tl[b];
        }
        yHi = zHi;
        yLo = zLo;
    }

    /** Zeroes the tables and state (they are derived from the key). */
    void destroy() {
        java.util.Arrays.fill(tableHi, 0);
        java.util.Arrays.fill(tableLo, 0);
        java.util.Arrays.fill(partial, (byte) 0);
        yHi = 0;
        yLo = 0;
    }

    static long getLong(byte[] b, int at) {
        return ((long) b[at] << 56) | ((long) (b[at + 1] & 0xff) << 48) | ((long) (b[at + 2] & 0xff) << 40)
                | ((long) (b[at + 3] & 0xff) << 32) | ((long) (b[at + 4] & 0xff) << 24) | ((long) (b[at + 5] & 0xff) << 16)
                | ((long) (b[at + 6] & 0xff) << 8) | (b[at + 7] & 0xff);
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
