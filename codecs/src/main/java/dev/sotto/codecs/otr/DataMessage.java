package dev.sotto.codecs.otr;

import java.math.BigInteger;

/**
 * OTR v3 "Data Message". {@link OtrMessageCodec#authenticatedPart(DataMessage)} gives the bytes the
 * Authenticator covers ("everything from the Protocol version to the end of the encrypted message").
 */
public record DataMessage(int version, int senderInstance, int receiverInstance, int flags, int senderKeyId,
        int recipientKeyId, BigInteger nextDh, byte[] topHalfCounter, byte[] encryptedMessage, byte[] mac,
        byte[] oldMacKeys) implements EncodedMessage {

    /** OTR v3 "Data Message", Flags: IGNORE_UNREADABLE. */
    public static final int FLAG_IGNORE_UNREADABLE = 0x01;

    @Override
    public int messageType() {
        return TYPE_DATA;
    }

    public boolean ignoreUnreadable() {
        return (flags & FLAG_IGNORE_UNREADABLE) != 0;
    }
}
