package dev.sotto.codecs.zrtp;

/** HelloACK (RFC 6189 §5.3): stops Hello retransmission. Three words, no body. */
public record HelloAckMessage() implements ZrtpMessage {

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.HELLO_ACK;
    }

    @Override
    public byte[] encode() {
        return ZrtpWriter.start(type(), 0).array();
    }
}
