package dev.sotto.engine.zrtp;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Test helpers on raw ZRTP packets (RFC 6189 §5): type block, in-place edits with a fresh CRC. */
final class ZrtpPackets {

    private ZrtpPackets() {}

    /** The 8-character message type block at packet offset 16. */
    static String type(byte[] packet) {
        return new String(packet, 16, 8, StandardCharsets.US_ASCII);
    }

    /** Writes the CRC-32C, least significant octet first (RFC 4960 Appendix B order). */
    static byte[] recomputeCrc(byte[] packet) {
        CRC32C crc = new CRC32C();
        crc.update(packet, 0, packet.length - 4);
        long c = crc.getValue();
        for (int i = 0; i < 4; i++) {
            packet[packet.length - 4 + i] = (byte) (c >>> (8 * i));
        }
        return packet;
    }

    /** Flips one octet at message offset {@code messageOffset} of packets of {@code type}, CRC recomputed. */
    static byte[] flip(byte[] packet, String type, int messageOffset) {
        if (type(packet).equals(type)) {
            packet[12 + messageOffset] ^= 0x5A;
            recomputeCrc(packet);
        }
        return packet;
    }
}
