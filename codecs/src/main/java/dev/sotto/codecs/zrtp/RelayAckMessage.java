package dev.sotto.codecs.zrtp;

/** RelayACK (RFC 6189 §5.14): stops SASrelay retransmission. Three words, no body. */
public record RelayAckMessage() implements ZrtpMessage {

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.RELAY_ACK;
    }

    @Override
    public byte[] encode() {
        return ZrtpWriter.start(type(), 0).array();
    }
}
