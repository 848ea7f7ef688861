package dev.sotto.codecs.zrtp;

/**
 * An SRTP Auth Tag Type Block (RFC 6189 §5.1.4, Table 4). Unknown names are kept as they came.
 *
 * @param name the 4-character block, e.g. {@code "HS80"}
 */
public record AuthTagType(String name) {

    public static final AuthTagType HS32 = new AuthTagType("HS32");
    public static final AuthTagType HS80 = new AuthTagType("HS80");
    public static final AuthTagType SK32 = new AuthTagType("SK32");
    public static final AuthTagType SK64 = new AuthTagType("SK64");

    public AuthTagType {
        ZrtpNames.check(name, "auth tag type");
    }

    /** True for the blocks of Table 4. */
    public boolean isKnown() {
        return equals(HS32) || equals(HS80) || equals(SK32) || equals(SK64);
    }
}
