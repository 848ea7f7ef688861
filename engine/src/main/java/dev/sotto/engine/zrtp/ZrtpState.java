package dev.sotto.engine.zrtp;

import dev.sotto.codecs.zrtp.CommitMessage;
import dev.sotto.codecs.zrtp.ZrtpMessage;

/**
 * The protocol states of one ZRTP stream (RFC 6189 §4), each an immutable record of what it must remember.
 * Byte fields hold messages exactly as sent or received (hashes and MACs cover those octets, §4.4.1.4).
 */
sealed interface ZrtpState {

    /** Name for logs and tests. */
    default String phase() {
        return getClass().getSimpleName();
    }

    /** §4.1: sending Hello, waiting for the peer's Hello and a HelloACK or Commit. */
    record Discovery() implements ZrtpState {}

    /**
     * §4.2: we sent a Commit; waiting for DHPart1 (DH) or Confirm1 (Multistream). {@code dh} and
     * {@code dhPart2} are null in Multistream mode.
     */
    record InitiatorCommitted(Negotiated negotiated, ZrtpKeyAgreement.LocalKey dh, CommitMessage commit, byte[] commitBytes,
            ZrtpMessage dhPart2, byte[] dhPart2Bytes) implements ZrtpState {}

    /** §4.4.1.3: DHPart2 sent, keys derived; waiting for Confirm1. */
    record InitiatorSentDhPart2(DerivedKeys keys, byte[] peerH1, byte[] dhPart1Bytes) implements ZrtpState {}

    /** §4.6: Confirm2 sent; waiting for Conf2ACK. */
    record InitiatorSentConfirm2(DerivedKeys keys, boolean peerSasVerified, long peerCacheExpiration)
            implements ZrtpState {}

    /** §4.4.1.2: DHPart1 sent in answer to {@code commit}; waiting for DHPart2. */
    record ResponderSentDhPart1(Negotiated negotiated, ZrtpKeyAgreement.LocalKey dh, CommitMessage commit, byte[] commitBytes,
            ZrtpMessage dhPart1, byte[] dhPart1Bytes) implements ZrtpState {}

    /**
     * §4.6: Confirm1 sent; waiting for Confirm2. {@code peerH1}/{@code dhPart2Bytes} are null in Multistream
     * mode, where the chain is checked against the Commit's H2 and MAC instead.
     */
    record ResponderSentConfirm1(DerivedKeys keys, CommitMessage commit, byte[] commitBytes, byte[] peerH1,
            byte[] dhPart2Bytes, ZrtpMessage confirm1, byte[] answeredBytes) implements ZrtpState {}

    /** Keys handed out. {@code confirm2Bytes} is the Confirm2 we answered (responder), to answer again. */
    record Secure(DerivedKeys keys, byte[] confirm2Bytes) implements ZrtpState {}

    /** Ended by an Error (sent or received) or a timeout. */
    record Failed(int code) implements ZrtpState {}

    /** Ended on our side ({@link ZrtpEndpoint#close}): every secret wiped, every input ignored. */
    record Closed() implements ZrtpState {}
}
