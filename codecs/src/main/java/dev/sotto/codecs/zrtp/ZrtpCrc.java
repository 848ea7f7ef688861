package dev.sotto.codecs.zrtp;

import java.util.zip.CRC32C;

/**
 * The packet CRC of RFC 6189 §5: CRC-32C (Castagnoli) as defined in RFC 4960 Appendix B, over the header and
 * the message. RFC 4960 Appendix B places the checksum's least significant byte first on the wire (the
 * reflected CRC written as the SCTP reference code does, which is also how RFC 3720 B.4 lists its vectors).
 */
public final class ZrtpCrc {

    private ZrtpCrc() {}

    /** The CRC-32C value of {@code length} octets at {@code offset}. */
    public static int compute(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    /** Writes {@code crc} at {@code offset} in the byte order of RFC 4960 Appendix B. */
    static void write(int crc, byte[] out, int offset) {
        out[offset] = (byte) crc;
        out[offset + 1] = (byte) (crc >>> 8);
        out[offset + 2] = (byte) (crc >>> 16);
        out[offset + 3] = (byte) (crc >>> 24);
    }

    /** Reads a CRC written by {@link #write}. */
    static int read(byte[] in, int offset) {
        return (in[offset] & 0xFF) | (in[offset + 1] & 0xFF) << 8 | (in[offset + 2] & 0xFF) << 16
                | (in[offset + 3] & 0xFF) << 24;
    }
}
