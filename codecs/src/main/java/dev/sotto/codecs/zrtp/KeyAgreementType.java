package dev.sotto.codecs.zrtp;

/**
 * A Key Agreement Type Block (RFC 6189 §5.1.5, Table 5), plus X25519 under the two names deployed
 * implementations use for it ({@code X255}, {@code E255}; not in the RFC). Unknown names are kept as they came.
 *
 * @param name the 4-character block, e.g. {@code "DH3k"}
 */
public record KeyAgreementType(String name) {

    public static final KeyAgreementType DH3K = new KeyAgreementType("DH3k");
    public static final KeyAgreementType DH2K = new KeyAgreementType("DH2k");
    public static final KeyAgreementType EC25 = new KeyAgreementType("EC25");
    public static final KeyAgreementType EC38 = new KeyAgreementType("EC38");
    public static final KeyAgreementType EC52 = new KeyAgreementType("EC52");
    public static final KeyAgreementType X255 = new KeyAgreementType("X255");
    public static final KeyAgreementType E255 = new KeyAgreementType("E255");
    public static final KeyAgreementType PRSH = new KeyAgreementType("Prsh");
    public static final KeyAgreementType MULT = new KeyAgreementType("Mult");

    public KeyAgreementType {
        ZrtpNames.check(name, "key agreement type");
    }

    /**
     * Octets of the public value pvi/pvr in DHPart1/DHPart2 (Table 5 "pv words" × 4; X25519: 32, RFC 7748 §5),
     * or -1 for the non-DH modes and unknown names.
     */
    public int publicValueLength() {
        switch (name) {
            case "DH3k": return 384;
            case "DH2k": return 256;
            case "EC25": return 64;
            case "EC38": return 96;
            case "EC52": return 132;
            case "X255":
            case "E255": return 32;
            default: return -1;
        }
    }

    /** True for the modes that send DHPart1/DHPart2 (§4.4.1); false for Prsh, Mult and unknown names. */
    public boolean isDiffieHellman() {
        return publicValueLength() > 0;
    }

    /** True for the blocks this codec knows. */
    public boolean isKnown() {
        return isDiffieHellman() || equals(PRSH) || equals(MULT);
    }
}
