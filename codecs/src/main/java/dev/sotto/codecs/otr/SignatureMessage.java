package dev.sotto.codecs.otr;

/** OTR v3 "Signature Message": AES[c'](X[A]) and its MAC. */
public record SignatureMessage(int version, int senderInstance, int receiverInstance, byte[] encryptedSignature,
        byte[] mac) implements EncodedMessage {

    @Override
    public int messageType() {
        return TYPE_SIGNATURE;
    }
}
