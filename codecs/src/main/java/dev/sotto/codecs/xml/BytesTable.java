package dev.sotto.codecs.xml;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A fixed-size, open-addressing map from short byte strings to values, for the tokenizer's name and
 * namespace caches. It never grows: a key finds its home among a fixed number of slots and is looked for in
 * {@link #PROBES} of them; when all are taken, one of them is overwritten in turn. So a hostile peer sending
 * many distinct keys costs a bounded amount of memory and a bounded amount of work per lookup.
 *
 * <p>A key is hashed and compared by its length, its first eight bytes and its last eight bytes, read as two
 * {@code long}s, so the work per lookup does not depend on the length up to 16 bytes (most XML names); only the
 * middle of longer keys is compared byte by byte. The hash is not secret: collisions only cost a miss (the value
 * is then computed again), never a wrong answer, since every hit compares the whole key.
 */
final class BytesTable {
    private static final int PROBES = 4;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int mask;
    private final long[] heads;
    private final long[] tails;
    /** 0 marks an empty slot: keys are never empty. */
    private final int[] lengths;
    /** The whole key, kept only when it is longer than 16 bytes (the middle is not in head and tail). */
    private final byte[][] keys;
    private final Object[] values;
    private int victim;

    /** A table of {@code slots} slots: a power of two, at most 256. */
    BytesTable(int slots) {
        if (Integer.bitCount(slots) != 1 || slots > 256 || slots < PROBES) {
            throw new IllegalArgumentException("slots");
        }
        mask = slots - 1;
        heads = new long[slots];
        tails = new long[slots];
        lengths = new int[slots];
        keys = new byte[slots][];
        values = new Object[slots];
    }

    /** The first (up to) eight bytes of {@code buf[off..off+len)}, little-endian, zero above the key's end. */
    static long head(byte[] buf, int off, int len) {
        if (len >= 8) {
            return (long) LONGS.get(buf, off);
        }
        if (off + 8 <= buf.length) {
            return (long) LONGS.get(buf, off) & ((1L << (len << 3)) - 1);
        }
        long h = 0;
        for (int k = 0; k < len; k++) {
            h |= (buf[off + k] & 0xFFL) << (k << 3);
        }
        return h;
    }

    /** The last eight bytes of a key longer than eight bytes; 0 otherwise (the head holds all of it). */
    static long tail(byte[] buf, int off, int len) {
        return len > 8 ? (long) LONGS.get(buf, off + len - 8) : 0L;
    }

    /** The home slot of a key, in 0..255 (a table keeps the low bits it needs). */
    static int home(long head, long tail, int len) {
        long h = (head * 0x9E3779B97F4A7C15L + tail + len) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> 56);
    }

    /** The value stored for the key, or {@code null}. */
    Object find(byte[] buf, int off, int len, long head, long tail, int home) {
        for (int p = 0; p < PROBES; p++) {
            int slot = (home + p) & mask;
            int l = lengths[slot];
            if (l == 0) {
                return null;
            }
            if (l == len && heads[slot] == head && tails[slot] == tail && (len <= 16 || sameMiddle(slot, buf, off))) {
                return values[slot];
            }
        }
        return null;
    }

    /** The bytes between head and tail of a key longer than 16 bytes (kept apart so that find stays small). */
    private boolean sameMiddle(int slot, byte[] buf, int off) {
        int len = lengths[slot];
        return Arrays.equals(keys[slot], 8, len - 8, buf, off + 8, off + len - 8);
    }

    /** Stores a value for the key (not present): in an empty slot among its probes, else over one in turn. */
    void put(byte[] buf, int off, int len, long head, long tail, int home, Object value) {
        int slot = -1;
        for (int p = 0; p < PROBES && slot < 0; p++) {
            int s = (home + p) & mask;
            if (lengths[s] == 0) {
                slot = s;
            }
        }
        if (slot < 0) {
            slot = (home + (victim++ & (PROBES - 1))) & mask;
        }
        heads[slot] = head;
        tails[slot] = tail;
        lengths[slot] = len;
        keys[slot] = len > 16 ? Arrays.copyOfRange(buf, off, off + len) : null;
        values[slot] = value;
    }
}
