package dev.sotto.codecs.otr;

/** OTR v3 "D-H Commit Message": AES[r](g^x) and SHA256(g^x). */
public record DhCommitMessage(int version, int senderInstance, int receiverInstance, byte[] encryptedGx,
        byte[] hashedGx) implements EncodedMessage {

    @Override
    public int messageType() {
        return TYPE_DH_COMMIT;
    }
}
