package dev.sotto.engine.srtp;

/**
 * A sliding replay window over packet indices as a fixed bitmap (RFC 3711 §3.3.2): it remembers which of
 * the last {@code size} indices up to the highest one were received. Checking allocates nothing.
 *
 * <p>Bit {@code i mod size} stands for index {@code i}; when the highest index advances, the bits of the
 * indices skipped over are cleared. Not thread-safe: one window belongs to one stream on one event loop.
 */
public final class ReplayWindow {

    /** What {@link #check} says about an index. */
    public enum Verdict {
        /** Never seen and inside or ahead of the window. */
        FRESH,
        /** Seen before. */
        REPLAYED,
        /** Behind the window, so it cannot be told apart from a replay. */
        TOO_OLD
    }

    private final long[] bits;
    private final int size;
    private final int mask;
    private long highest = -1;

    /** A window of {@code size} indices, rounded up to a power of two of at least 64. */
    public ReplayWindow(int size) {
        if (size < 64 || size > 1 << 20) {
            throw new IllegalArgumentException("replay window size must be in [64, 2^20]");
        }
        int rounded = Integer.highestOneBit(size - 1) << 1;
        this.size = rounded;
        this.mask = rounded - 1;
        this.bits = new long[rounded >>> 6];
    }

    public int size() {
        return size;
    }

    /** The highest index accepted so far, or -1. */
    public long highest() {
        return highest;
    }

    public Verdict check(long index) {
        if (index > highest) {
            return Verdict.FRESH;
        }
        long delta = highest - index;
        if (delta >= size) {
            return Verdict.TOO_OLD;
        }
        int bit = (int) (index & mask);
        return (bits[bit >>> 6] & (1L << bit)) != 0 ? Verdict.REPLAYED : Verdict.FRESH;
    }

    /** Records {@code index} as received; call only after the packet authenticated and {@link #check} said FRESH. */
    public void accept(long index) {
        if (index > highest) {
            long advance = highest < 0 ? size : index - highest;
            if (advance >= size) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                // Clear the bits of the indices between the old highest and the new one: never received.
                for (long i = highest + 1; i < index; i++) {
                    int bit = (int) (i & mask);
                    bits[bit >>> 6] &= ~(1L << bit);
                }
            }
            highest = index;
        }
        int bit = (int) (index & mask);
        bits[bit >>> 6] |= 1L << bit;
    }
}
