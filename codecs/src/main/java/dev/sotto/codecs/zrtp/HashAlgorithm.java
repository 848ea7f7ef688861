package dev.sotto.codecs.zrtp;

/**
 * A Hash Type Block (RFC 6189 §5.1.2, Table 2). Names this codec does not know are kept as they came.
 *
 * @param name the 4-character block, e.g. {@code "S256"}
 */
public record HashAlgorithm(String name) {

    public static final HashAlgorithm S256 = new HashAlgorithm("S256");
    public static final HashAlgorithm S384 = new HashAlgorithm("S384");
    public static final HashAlgorithm N256 = new HashAlgorithm("N256");
    public static final HashAlgorithm N384 = new HashAlgorithm("N384");

    public HashAlgorithm {
        ZrtpNames.check(name, "hash type");
    }

    /** True for the blocks of Table 2. */
    public boolean isKnown() {
        return equals(S256) || equals(S384) || equals(N256) || equals(N384);
    }
}
