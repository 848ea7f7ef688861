package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.DhKeyMessage;

/** AUTHSTATE_AWAITING_REVEALSIG: we answered their commitment with g^y and wait for r. */
public record AwaitingRevealSig(int version, int theirInstance, DhKeyPair y, DhKeyMessage sent, byte[] encryptedGx,
        byte[] hashedGx) implements AuthState {
    @Override
    public String toString() {
        return "AwaitingRevealSig[v" + version + "]";
    }
}
