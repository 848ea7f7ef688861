package dev.sotto.codecs.zrtp;

import java.nio.ByteBuffer;

/**
 * GoClear (RFC 6189 §5.11, Figure 14), 5 words.
 *
 * @param clearMac the 64-bit clear_mac (§4.7.2)
 */
public record GoClearMessage(byte[] clearMac) implements ZrtpMessage {

    public GoClearMessage {
        clearMac = ZrtpWriter.copy(clearMac, 8, "clear_mac");
    }

    @Override
    public byte[] clearMac() {
        return clearMac.clone();
    }

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.GO_CLEAR;
    }

    @Override
    public byte[] encode() {
        return ZrtpWriter.start(type(), 8).put(clearMac).array();
    }

    @Override
    public String toString() {
        return "GoClearMessage";
    }
}
