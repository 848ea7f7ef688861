package dev.sotto.codecs.zrtp;

/** ErrorACK (RFC 6189 §5.10): stops Error retransmission. Three words, no body. */
public record ErrorAckMessage() implements ZrtpMessage {

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.ERROR_ACK;
    }

    @Override
    public byte[] encode() {
        return ZrtpWriter.start(type(), 0).array();
    }
}
