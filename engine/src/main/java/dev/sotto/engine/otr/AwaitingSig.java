package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.RevealSignatureMessage;
import java.math.BigInteger;

/** AUTHSTATE_AWAITING_SIG: we revealed x and signed; we wait for their Signature Message. */
public record AwaitingSig(int version, int theirInstance, DhKeyPair x, BigInteger gy, AkeKeys keys,
        RevealSignatureMessage sent) implements AuthState {
    @Override
    public String toString() {
        return "AwaitingSig[v" + version + "]";
    }
}
