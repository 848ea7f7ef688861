package dev.sotto.codecs.zrtp;

import java.nio.ByteBuffer;

/**
 * The layout DHPart1 (RFC 6189 §5.5, Figure 8) and DHPart2 (§5.6, Figure 9) share: H1, the four 64-bit secret IDs
 * (§4.3.1), the public value in whole words and the 64-bit MAC. One place checks and writes it.
 */
final class ZrtpDhPart {

    private ZrtpDhPart() {}

    static byte[] h1(byte[] h1) {
        return ZrtpWriter.copy(h1, 32, "H1");
    }

    /** A 64-bit secret ID (rs1ID, rs2ID, auxsecretID, pbxsecretID). */
    static byte[] secretId(byte[] id, String what) {
        return ZrtpWriter.copy(id, 8, what);
    }

    static byte[] publicValue(byte[] pv) {
        return ZrtpWriter.copyWords(pv, "pv");
    }

    static byte[] mac(byte[] mac) {
        return ZrtpWriter.copy(mac, ZrtpWriter.MAC_LENGTH, "MAC");
    }

    static byte[] encode(ZrtpMessageType type, byte[] h1, byte[] rs1Id, byte[] rs2Id, byte[] auxsecretId,
            byte[] pbxsecretId, byte[] publicValue, byte[] mac) {
        ByteBuffer b = ZrtpWriter.start(type, 32 + 32 + publicValue.length + 8);
        b.put(h1).put(rs1Id).put(rs2Id).put(auxsecretId).put(pbxsecretId).put(publicValue).put(mac);
        return b.array();
    }
}
