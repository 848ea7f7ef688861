package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.OtrPublicKey;
import java.math.BigInteger;

/**
 * A completed AKE: our D-H key (keyid 1, OTR v3 "Key Management": "send the public part of
 * our_dh[our_keyid-1]"), theirs with its keyid, their long-term key and the ssid.
 */
record AkeResult(int version, int theirInstance, DhKeyPair ourKey, BigInteger theirKey, int theirKeyId,
        OtrPublicKey theirLongTermKey, byte[] ssid, boolean weSentRevealSignature) {
    @Override
    public String toString() {
        return "AkeResult[v" + version + "]";
    }
}
