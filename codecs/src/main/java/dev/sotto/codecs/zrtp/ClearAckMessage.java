package dev.sotto.codecs.zrtp;

/** ClearACK (RFC 6189 §5.12): acknowledges an authenticated GoClear. Three words, no body. */
public record ClearAckMessage() implements ZrtpMessage {

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.CLEAR_ACK;
    }

    @Override
    public byte[] encode() {
        return ZrtpWriter.start(type(), 0).array();
    }
}
