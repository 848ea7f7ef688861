package dev.sotto.codecs.zrtp;

/**
 * One ZRTP message of RFC 6189 §5 (the part of a packet between the header and the CRC). Records hold
 * copies of their byte fields and hand out copies, so a decoded message cannot change under its reader.
 */
public sealed interface ZrtpMessage permits HelloMessage, HelloAckMessage, CommitMessage, DhPart1Message,
        DhPart2Message, Confirm1Message, Confirm2Message, Conf2AckMessage, ErrorMessage, ErrorAckMessage,
        GoClearMessage, ClearAckMessage, SasRelayMessage, RelayAckMessage, PingMessage, PingAckMessage {

    /** The message's type block. */
    ZrtpMessageType type();

    /**
     * The message as sent: preamble 0x505a, length in words, type block and body (§5.2). These are the
     * octets that hashes and MACs cover (§4.4.1.1, §4.4.1.4, §9).
     */
    byte[] encode();
}
