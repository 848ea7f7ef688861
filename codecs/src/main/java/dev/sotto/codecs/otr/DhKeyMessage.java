package dev.sotto.codecs.otr;

import java.math.BigInteger;

/** OTR v3 "D-H Key Message": g^y. */
public record DhKeyMessage(int version, int senderInstance, int receiverInstance, BigInteger gy)
        implements EncodedMessage {

    @Override
    public int messageType() {
        return TYPE_DH_KEY;
    }
}
