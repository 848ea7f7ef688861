package dev.sotto.codecs.otr;

import java.util.List;

/**
 * The decrypted plaintext of a Data Message: a human-readable part (UTF-8 bytes, up to the first NUL)
 * and zero or more TLVs. An empty human-readable part makes a heartbeat.
 */
public record DataPlaintext(byte[] message, List<Tlv> tlvs) {

    public DataPlaintext {
        tlvs = List.copyOf(tlvs);
    }

    public boolean isHeartbeat() {
        return message.length == 0;
    }

    @Override
    public String toString() {
        return "DataPlaintext[messageLength=" + message.length + ", tlvs=" + tlvs + "]";
    }
}
