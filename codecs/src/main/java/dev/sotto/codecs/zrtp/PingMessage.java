package dev.sotto.codecs.zrtp;

import java.nio.ByteBuffer;

/**
 * Ping (RFC 6189 §5.15, Figure 18), 6 words.
 *
 * @param version the PingACK version requested, {@code "1.10"}
 * @param endpointHash the sender's 64-bit EndpointHash
 */
public record PingMessage(String version, byte[] endpointHash) implements ZrtpMessage {

    public PingMessage {
        ZrtpNames.check(version, "version");
        endpointHash = ZrtpWriter.copy(endpointHash, 8, "EndpointHash");
    }

    @Override
    public byte[] endpointHash() {
        return endpointHash.clone();
    }

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.PING;
    }

    @Override
    public byte[] encode() {
        ByteBuffer b = ZrtpWriter.start(type(), 12);
        b.put(ZrtpNames.bytes(version)).put(endpointHash);
        return b.array();
    }

    @Override
    public String toString() {
        return "PingMessage[version=" + version + "]";
    }
}
