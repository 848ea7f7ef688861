package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.DhCommitMessage;

/** AUTHSTATE_AWAITING_DHKEY: we sent a D-H Commit (r, x) and wait for g^y. */
public record AwaitingDhKey(int version, byte[] r, DhKeyPair x, DhCommitMessage sent) implements AuthState {
    @Override
    public String toString() {
        return "AwaitingDhKey[v" + version + "]";
    }
}
