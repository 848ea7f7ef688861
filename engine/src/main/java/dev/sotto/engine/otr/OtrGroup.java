package dev.sotto.engine.otr;

import java.math.BigInteger;
import java.security.SecureRandom;

/** The 1536-bit MODP group of RFC 3526 §2 with generator 2, as OTR v3 "Encoded messages" requires. */
public final class OtrGroup {

    /** RFC 3526 §2, 1536-bit MODP group prime. */
    public static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
            + "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
            + "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
            + "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
            + "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
            + "670C354E4ABC9804F1746C08CA237327FFFFFFFFFFFFFFFF", 16);

    /** The generator g (g[1] in SMP). */
    public static final BigInteger G = BigInteger.TWO;

    /** OTR v3 SMP: "q = (p - 1) / 2". */
    public static final BigInteger Q = P.subtract(BigInteger.ONE).shiftRight(1);

    private static final BigInteger P_MINUS_2 = P.subtract(BigInteger.TWO);

    /** Bits of a D-H private exponent: OTR v3 says "at least 320 bits". */
    public static final int DH_PRIVATE_BITS = 320;

    /** Bits of an SMP random exponent: OTR v3 SMP "The random exponents are 1536-bit numbers". */
    public static final int SMP_EXPONENT_BITS = 1536;

    private OtrGroup() {}

    /** 2 <= v <= p-2 (OTR v3 AKE "legal value"; SMP group-membership checks). */
    public static boolean isLegal(BigInteger v) {
        return v.compareTo(BigInteger.TWO) >= 0 && v.compareTo(P_MINUS_2) <= 0;
    }

    public static BigInteger pow(BigInteger base, BigInteger exponent) {
        return base.modPow(exponent, P);
    }

    /** A random exponent of {@code bits} bits that is not zero. */
    public static BigInteger randomExponent(SecureRandom random, int bits) {
        BigInteger x;
        do {
            x = new BigInteger(bits, random);
        } while (x.signum() == 0);
        return x;
    }
}
