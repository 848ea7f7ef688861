package dev.sotto.engine.otr;

import java.math.BigInteger;
import java.security.SecureRandom;

/** An ephemeral D-H key pair in the OTR group; never stored, never printed. */
public final class DhKeyPair {

    private final BigInteger privateKey;
    private final BigInteger publicKey;

    private DhKeyPair(BigInteger privateKey) {
        this.privateKey = privateKey;
        this.publicKey = OtrGroup.pow(OtrGroup.G, privateKey);
    }

    /** OTR v3: "Choose a random value x (at least 320 bits)". */
    public static DhKeyPair generate(SecureRandom random) {
        BigInteger x;
        do {
            x = OtrGroup.randomExponent(random, OtrGroup.DH_PRIVATE_BITS);
        } while (!OtrGroup.isLegal(OtrGroup.pow(OtrGroup.G, x)));
        return new DhKeyPair(x);
    }

    /** A key pair from a known private exponent (test vectors). */
    static DhKeyPair ofPrivate(BigInteger x) {
        return new DhKeyPair(x);
    }

    public BigInteger publicKey() {
        return publicKey;
    }

    /** s = theirPublic ^ x mod p. */
    public BigInteger agree(BigInteger theirPublic) {
        return OtrGroup.pow(theirPublic, privateKey);
    }

    @Override
    public String toString() {
        return "DhKeyPair";
    }
}
