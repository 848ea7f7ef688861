package dev.sotto.codecs.zrtp;

import java.nio.ByteBuffer;

/**
 * SASrelay (RFC 6189 §5.13, Figure 16), sent by a trusted MiTM. The encrypted region is kept as octets;
 * {@link SasRelayPlaintext} builds and parses it once decrypted.
 *
 * @param mac the 64-bit MAC over the encrypted region, keyed like confirm_mac
 * @param cfbIv the 128-bit CFB initialization vector
 * @param encrypted the encrypted region, whole words, at least 10 words
 */
public record SasRelayMessage(byte[] mac, byte[] cfbIv, byte[] encrypted) implements ZrtpMessage {

    public SasRelayMessage {
        mac = ZrtpWriter.copy(mac, 8, "MAC");
        cfbIv = ZrtpWriter.copy(cfbIv, 16, "CFB IV");
        encrypted = ZrtpWriter.copyWords(encrypted, "encrypted region");
        if (encrypted.length < SasRelayPlaintext.FIXED_LENGTH) {
            throw new IllegalArgumentException("SASrelay encrypted region is at least 10 words");
        }
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public byte[] cfbIv() {
        return cfbIv.clone();
    }

    @Override
    public byte[] encrypted() {
        return encrypted.clone();
    }

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.SAS_RELAY;
    }

    @Override
    public byte[] encode() {
        ByteBuffer b = ZrtpWriter.start(type(), 8 + 16 + encrypted.length);
        b.put(mac).put(cfbIv).put(encrypted);
        return b.array();
    }

    @Override
    public String toString() {
        return "SasRelayMessage[encryptedLength=" + encrypted.length + "]";
    }
}
