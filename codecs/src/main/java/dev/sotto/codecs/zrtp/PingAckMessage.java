package dev.sotto.codecs.zrtp;

import java.nio.ByteBuffer;

/**
 * PingACK (RFC 6189 §5.16, Figure 19), 9 words.
 *
 * @param version the PingACK version, {@code "1.10"}
 * @param senderEndpointHash the EndpointHash of the PingACK sender
 * @param receivedEndpointHash the EndpointHash of the received Ping
 * @param receivedSsrc the SSRC from the header of the received Ping, unsigned 32 bits
 */
public record PingAckMessage(String version, byte[] senderEndpointHash, byte[] receivedEndpointHash,
        long receivedSsrc) implements ZrtpMessage {

    public PingAckMessage {
        ZrtpNames.check(version, "version");
        senderEndpointHash = ZrtpWriter.copy(senderEndpointHash, 8, "EndpointHash");
        receivedEndpointHash = ZrtpWriter.copy(receivedEndpointHash, 8, "EndpointHash");
        if (receivedSsrc < 0 || receivedSsrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC is an unsigned 32-bit value");
        }
    }

    @Override
    public byte[] senderEndpointHash() {
        return senderEndpointHash.clone();
    }

    @Override
    public byte[] receivedEndpointHash() {
        return receivedEndpointHash.clone();
    }

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.PING_ACK;
    }

    @Override
    public byte[] encode() {
        ByteBuffer b = ZrtpWriter.start(type(), 24);
        b.put(ZrtpNames.bytes(version)).put(senderEndpointHash).put(receivedEndpointHash).putInt((int) receivedSsrc);
        return b.array();
    }

    @Override
    public String toString() {
        return "PingAckMessage[version=" + version + ", receivedSsrc=" + receivedSsrc + "]";
    }
}
