package dev.sotto.codecs.zrtp;

/**
 * Confirm2 (RFC 6189 §5.7, Figure 10), sent by the initiator, encrypted with zrtpkeyi. The encrypted region is kept as
 * octets; {@link ConfirmPlaintext} builds and parses it once decrypted.
 *
 * @param confirmMac the 64-bit confirm_mac over the encrypted region (§4.6)
 * @param cfbIv the 128-bit CFB initialization vector
 * @param encrypted the encrypted region, whole words, at least 10 words (H0, flags, cache expiration)
 */
public record Confirm2Message(byte[] confirmMac, byte[] cfbIv, byte[] encrypted) implements ZrtpMessage {

    public Confirm2Message {
        confirmMac = ZrtpEncryptedPart.mac(confirmMac, "confirm_mac");
        cfbIv = ZrtpEncryptedPart.cfbIv(cfbIv);
        encrypted = ZrtpEncryptedPart.encrypted(encrypted, ConfirmPlaintext.FIXED_LENGTH, "Confirm");
    }

    @Override
    public byte[] confirmMac() {
        return confirmMac.clone();
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
        return ZrtpMessageType.CONFIRM2;
    }

    @Override
    public byte[] encode() {
        return ZrtpEncryptedPart.encode(type(), confirmMac, cfbIv, encrypted);
    }

    @Override
    public String toString() {
        return "Confirm2Message[encryptedLength=" + encrypted.length + "]";
    }
}
