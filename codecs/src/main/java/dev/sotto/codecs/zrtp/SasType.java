package dev.sotto.codecs.zrtp;

/**
 * A SAS Type Block (RFC 6189 §5.1.6, Table 6). Unknown names are kept as they came.
 *
 * @param name the 4-character block; note the trailing space of {@code "B32 "}
 */
public record SasType(String name) {

    public static final SasType B32 = new SasType("B32 ");
    public static final SasType B256 = new SasType("B256");

    public SasType {
        ZrtpNames.check(name, "SAS type");
    }

    /** True for the blocks of Table 6. */
    public boolean isKnown() {
        return equals(B32) || equals(B256);
    }
}
