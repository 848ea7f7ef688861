package dev.sotto.engine.srtp;

/**
 * The 48-bit SRTP packet index i = 2^16 * ROC + SEQ and its estimation from a 16-bit sequence number
 * (RFC 3711 §3.3.1 and Appendix A).
 */
public final class SrtpIndex {

    /** The largest index a master key may protect: 2^48 - 1 (RFC 3711 §9.2). */
    public static final long MAX = (1L << 48) - 1;

    private SrtpIndex() {}

    /**
     * Estimates the index of a packet carrying {@code seq}, given the highest index {@code highest}
     * received so far (whose low 16 bits are s_l and whose upper bits are the ROC). Returns a negative
     * value when the estimate would need ROC - 1 while ROC is 0: such a packet precedes the stream.
     * RFC 3711 Appendix A:
     * <pre>
     *   if (s_l &lt; 2^15) { if (SEQ - s_l &gt; 2^15) v = ROC - 1 else v = ROC }
     *   else             { if (s_l - 2^15 &gt; SEQ) v = ROC + 1 else v = ROC }
     * </pre>
     */
    public static long estimate(long highest, int seq) {
        long roc = highest >>> 16;
        int sl = (int) highest & 0xffff;
        long v;
        if (sl < 0x8000) {
            v = seq - sl > 0x8000 ? roc - 1 : roc;
        } else {
            v = sl - 0x8000 > seq ? roc + 1 : roc;
        }
        if (v < 0) {
            return -1;
        }
        return (v << 16) | seq;
    }
}
