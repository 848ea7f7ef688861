package dev.sotto.codecs.zrtp;

import java.nio.ByteBuffer;

/**
 * The layout Confirm1, Confirm2 (RFC 6189 §5.7, Figure 10) and SASrelay (§5.13, Figure 16) share after the type
 * block: a 64-bit MAC over the encrypted region, a 128-bit CFB IV, and the encrypted region in whole words with a
 * fixed 10-word minimum. One place checks and writes it, so the three records cannot drift apart.
 */
final class ZrtpEncryptedPart {

    private ZrtpEncryptedPart() {}

    static byte[] mac(byte[] mac, String what) {
        return ZrtpWriter.copy(mac, ZrtpWriter.MAC_LENGTH, what);
    }

    static byte[] cfbIv(byte[] iv) {
        return ZrtpWriter.copy(iv, 16, "CFB IV");
    }

    /** A copy of the encrypted region: whole words, at least {@code minLength} octets. */
    static byte[] encrypted(byte[] encrypted, int minLength, String message) {
        byte[] copy = ZrtpWriter.copyWords(encrypted, "encrypted region");
        if (copy.length < minLength) {
            throw new IllegalArgumentException(message + " encrypted region is at least " + minLength / 4 + " words");
        }
        return copy;
    }

    static byte[] encode(ZrtpMessageType type, byte[] mac, byte[] cfbIv, byte[] encrypted) {
        ByteBuffer b = ZrtpWriter.start(type, mac.length + cfbIv.length + encrypted.length);
        b.put(mac).put(cfbIv).put(encrypted);
        return b.array();
    }
}
