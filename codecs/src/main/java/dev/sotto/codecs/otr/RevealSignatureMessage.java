package dev.sotto.codecs.otr;

/** OTR v3 "Reveal Signature Message": r, AES[c](X[B]) and its MAC. */
public record RevealSignatureMessage(int version, int senderInstance, int receiverInstance, byte[] revealedKey,
        byte[] encryptedSignature, byte[] mac) implements EncodedMessage {

    @Override
    public int messageType() {
        return TYPE_REVEAL_SIGNATURE;
    }
}
