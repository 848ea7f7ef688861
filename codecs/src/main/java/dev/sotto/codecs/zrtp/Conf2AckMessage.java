package dev.sotto.codecs.zrtp;

/** Conf2ACK (RFC 6189 §5.8): stops Confirm2 retransmission. Three words, no body. */
public record Conf2AckMessage() implements ZrtpMessage {

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.CONF2_ACK;
    }

    @Override
    public byte[] encode() {
        return ZrtpWriter.start(type(), 0).array();
    }
}
