package dev.sotto.engine.otr;

/**
 * The stored fragment (K, N, F) of OTR v3 "Receiving Fragments". Immutable; {@link #EMPTY} is K = N = 0,
 * F = "".
 */
record FragmentBuffer(int k, int n, String f) {

    static final FragmentBuffer EMPTY = new FragmentBuffer(0, 0, "");

    /** Applies the spec's rules to fragment (k, n, piece); {@code maxChars} bounds F. */
    FragmentBuffer accept(int kIn, int nIn, String piece, int maxChars) {
        FragmentBuffer next;
        if (kIn == 0 || nIn == 0 || kIn > nIn) {
            next = this; // "discard this (illegal) fragment"
        } else if (kIn == 1) {
            next = new FragmentBuffer(1, nIn, piece);
        } else if (nIn == n && kIn == k + 1) {
            next = new FragmentBuffer(kIn, nIn, f + piece);
        } else {
            next = EMPTY;
        }
        return next.f.length() > maxChars ? EMPTY : next;
    }

    boolean complete() {
        return n > 0 && k == n;
    }

    @Override
    public String toString() {
        return "FragmentBuffer[" + k + "/" + n + "]";
    }
}
