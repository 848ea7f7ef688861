package dev.sotto.codecs.rtp;

/**
 * A reception report block (RFC 3550 §6.4.1).
 *
 * @param ssrc the source reported on
 * @param fractionLost 8-bit fixed point fraction
 * @param cumulativeLost signed 24-bit count
 * @param extendedHighestSequence cycles and highest sequence number received
 * @param jitter interarrival jitter
 * @param lastSr LSR, the middle 32 bits of the last SR's NTP timestamp
 * @param delaySinceLastSr DLSR in 1/65536 seconds
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence, long jitter,
        long lastSr, long delaySinceLastSr) {}
