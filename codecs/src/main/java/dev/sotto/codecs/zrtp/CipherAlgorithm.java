package dev.sotto.codecs.zrtp;

/**
 * A Cipher Type Block (RFC 6189 §5.1.3, Table 3). Unknown names are kept as they came.
 *
 * @param name the 4-character block, e.g. {@code "AES1"}
 */
public record CipherAlgorithm(String name) {

    public static final CipherAlgorithm AES1 = new CipherAlgorithm("AES1");
    public static final CipherAlgorithm AES2 = new CipherAlgorithm("AES2");
    public static final CipherAlgorithm AES3 = new CipherAlgorithm("AES3");
    public static final CipherAlgorithm TWOFISH1 = new CipherAlgorithm("2FS1");
    public static final CipherAlgorithm TWOFISH2 = new CipherAlgorithm("2FS2");
    public static final CipherAlgorithm TWOFISH3 = new CipherAlgorithm("2FS3");

    public CipherAlgorithm {
        ZrtpNames.check(name, "cipher type");
    }

    /** True for the blocks of Table 3. */
    public boolean isKnown() {
        return equals(AES1) || equals(AES2) || equals(AES3) || equals(TWOFISH1) || equals(TWOFISH2)
                || equals(TWOFISH3);
    }
}
