package dev.sotto.engine.zrtp;

/**
 * The retransmission schedule of RFC 6189 §6, in nanoseconds. T1 (Hello): 50 ms doubling to a 200 ms cap, 20
 * retransmissions. T2 (Commit, DHPart2, Confirm2, Error): 150 ms doubling to a 1200 ms cap, 10 retransmissions.
 */
public record ZrtpTimers(long t1Initial, long t1Cap, int t1Retransmissions, long t2Initial, long t2Cap,
        int t2Retransmissions) {

    private static final long MS = 1_000_000L;

    /** The §6 recommended values. */
    public static final ZrtpTimers RFC_6189 = new ZrtpTimers(50 * MS, 200 * MS, 20, 150 * MS, 1200 * MS, 10);

    public ZrtpTimers {
        if (t1Initial <= 0 || t1Cap < t1Initial || t2Initial <= 0 || t2Cap < t2Initial || t1Retransmissions < 0
                || t2Retransmissions < 0) {
            throw new IllegalArgumentException("timer values must be positive and caps at least the initial value");
        }
    }
}
