package dev.sotto.codecs.sdp;

import java.util.List;

/** t= and its r= lines (RFC 8866 §5.9, §5.10): NTP start and stop times; repeats kept as written. */
public record Timing(long start, long stop, List<String> repeats) {

    public Timing {
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException("negative time");
        }
        repeats = List.copyOf(repeats);
    }

    /** t=0 0: an unbounded, permanent session. */
    public static final Timing PERMANENT = new Timing(0, 0, List.of());
}
