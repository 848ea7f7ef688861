package dev.sotto.codecs.sip;

/** Collects the tolerated violations met while parsing one message (one instance per parse, never shared). */
final class ParseContext {

    private int violations;
    // Where the parsed parameters of this message lie (4 ints each: name from/to, value from/to), shared by every
    // Parameters view of the message so a list of parameters costs no array of its own. A view keeps the array it
    // was made with; growing copies, and the old array still holds the ranges of the views made before.
    private int[] pos;
    private int used;
    // out of HeaderParser.viaParams: the index in its list of the first branch, received and rport, -1 if none
    int viaBranch;
    int viaReceived;
    int viaRport;

    void flag(SipViolation v) {
        violations |= 1 << v.ordinal();
    }

    int violations() {
        return violations;
    }

    /**
     * Forgets what was recorded after {@code violations()} returned {@code violations} and {@code mark()} returned
     * {@code mark}: for a parse that is tried again another way (SipHeaders.Typing.elements).
     */
    void rewind(int violations, int mark) {
        this.violations = violations;
        used = mark;
    }

    /** Where the next list of parameters starts. */
    int mark() {
        return used;
    }

    /** Records one parameter: name s[na, nb), value s[va, vb) or va = -1 when there is none. */
    void param(int na, int nb, int va, int vb) {
        if (pos == null) {
            pos = new int[32];
        } else if (used + 4 > pos.length) {
            pos = java.util.Arrays.copyOf(pos, pos.length * 2);
        }
        pos[used] = na;
        pos[used + 1] = nb;
        pos[used + 2] = va;
        pos[used + 3] = vb;
        used += 4;
    }

    /** The parameters recorded since {@code mark}, as a view over {@code src}. */
    Parameters params(byte[] src, int mark) {
        return params(src, mark, Parameters.UNKNOWN);
    }

    /** As {@link #params(byte[], int)}, with the index of the first tag parameter (-1: none) already found. */
    Parameters params(byte[] src, int mark, int tagAt) {
        int n = (used - mark) >> 2;
        return n == 0 ? Parameters.NONE : new Parameters(src, pos, mark, n, tagAt);
    }
}
