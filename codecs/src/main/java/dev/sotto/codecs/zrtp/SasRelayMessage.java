package dev.sotto.codecs.zrtp;

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
        mac = ZrtpEncryptedPart.mac(mac, "MAC");
        cfbIv = ZrtpEncryptedPart.cfbIv(cfbIv);
        encrypted = ZrtpEncryptedPart.encrypted(encrypted, SasRelayPlaintext.FIXED_LENGTH, "SASrelay");
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
        return ZrtpEncryptedPart.encode(type(), mac, cfbIv, encrypted);
    }

    @Override
    public String toString() {
        return "SasRelayMessage[encryptedLength=" + encrypted.length + "]";
    }
}
