package dev.sotto.codecs.otr;

/** A TLV record of a Data Message plaintext (OTR v3 "Data Message"). */
public record Tlv(int type, byte[] value) {

    public static final int PADDING = 0;
    public static final int DISCONNECTED = 1;
    public static final int SMP1 = 2;
    public static final int SMP2 = 3;
    public static final int SMP3 = 4;
    public static final int SMP4 = 5;
    public static final int SMP_ABORT = 6;
    public static final int SMP1Q = 7;
    public static final int EXTRA_SYMMETRIC_KEY = 8;

    @Override
    public String toString() {
        // The value may be message content (padding, use-specific data): never print it.
        return "Tlv[type=" + type + ", length=" + value.length + "]";
    }
}
