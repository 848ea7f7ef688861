package dev.sotto.codecs.otr;

/**
 * A base-64 encoded binary OTR message (OTR v3 "Encoded messages"). Version 2 messages carry no
 * instance tags; their {@code senderInstance} and {@code receiverInstance} are 0.
 */
public sealed interface EncodedMessage
        permits DhCommitMessage, DhKeyMessage, RevealSignatureMessage, SignatureMessage, DataMessage {

    int TYPE_DH_COMMIT = 0x02;
    int TYPE_DATA = 0x03;
    int TYPE_DH_KEY = 0x0a;
    int TYPE_REVEAL_SIGNATURE = 0x11;
    int TYPE_SIGNATURE = 0x12;

    /** Protocol version, 2 or 3. */
    int version();

    int senderInstance();

    int receiverInstance();

    int messageType();
}
