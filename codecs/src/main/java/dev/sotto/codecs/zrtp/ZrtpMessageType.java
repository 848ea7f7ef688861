package dev.sotto.codecs.zrtp;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The Message Type Blocks of RFC 6189 §5.1.1, Table 1: 8 ASCII octets, padded with spaces. */
public enum ZrtpMessageType {
    HELLO("Hello   "),
    HELLO_ACK("HelloACK"),
    COMMIT("Commit  "),
    DH_PART1("DHPart1 "),
    DH_PART2("DHPart2 "),
    CONFIRM1("Confirm1"),
    CONFIRM2("Confirm2"),
    CONF2_ACK("Conf2ACK"),
    ERROR("Error   "),
    ERROR_ACK("ErrorACK"),
    GO_CLEAR("GoClear "),
    CLEAR_ACK("ClearACK"),
    SAS_RELAY("SASrelay"),
    RELAY_ACK("RelayACK"),
    PING("Ping    "),
    PING_ACK("PingACK ");

    private final String block;

    ZrtpMessageType(String block) {
        this.block = block;
    }

    /** The 8-octet block as sent, e.g. {@code "Commit  "}. */
    public String block() {
        return block;
    }

    byte[] blockBytes() {
        return block.getBytes(StandardCharsets.US_ASCII);
    }

    /** The type whose block is the 8 octets at {@code off}, if any. */
    public static Optional<ZrtpMessageType> of(byte[] b, int off) {
        if (off < 0 || off + 8 > b.length) {
            return Optional.empty();
        }
        String s = new String(b, off, 8, StandardCharsets.ISO_8859_1);
        for (ZrtpMessageType t : values()) {
            if (t.block.equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
