package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.OtrPublicKey;
import dev.sotto.engine.crypto.Secret;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.DSAKeyPairGenerator;
import org.bouncycastle.crypto.generators.DSAParametersGenerator;
import org.bouncycastle.crypto.params.DSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.params.DSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSASigner;

/**
 * An OTR long-term DSA key pair. Parameters are pinned: L = 1024, N = 160 (providers default to 2048,
 * which OTR peers reject). Signing takes the 32-byte M "modulo q instead of being truncated ... and not
 * hashed again" (OTR v3 "Reveal Signature Message").
 */
public final class OtrLongTermKey {

    /** DSA modulus length in bits. */
    public static final int DSA_L = 1024;
    /** DSA subgroup order length in bits. */
    public static final int DSA_N = 160;
    /** Miller-Rabin certainty for parameter generation (error below 2^-80). */
    private static final int PRIME_CERTAINTY = 80;

    private final OtrPublicKey publicKey;
    private final Secret x;

    public OtrLongTermKey(OtrPublicKey publicKey, Secret x) {
        this.publicKey = publicKey;
        this.x = x;
    }

    /** Generates a fresh key (slow: run it as a {@link dev.sotto.engine.sansio.Output.Compute} job). */
    public static OtrLongTermKey generate(SecureRandom random) {
        DSAParametersGenerator pg = new DSAParametersGenerator();
        // FIPS 186-2 generation, which BC uses for L = 1024, yields N = 160.
        pg.init(DSA_L, PRIME_CERTAINTY, random);
        DSAParameters params = pg.generateParameters();
        if (params.getP().bitLength() != DSA_L || params.getQ().bitLength() != DSA_N) {
            throw new IllegalStateException("DSA parameters are not 1024/160");
        }
        DSAKeyPairGenerator kg = new DSAKeyPairGenerator();
        kg.init(new DSAKeyGenerationParameters(random, params));
        AsymmetricCipherKeyPair kp = kg.generateKeyPair();
        DSAPublicKeyParameters pub = (DSAPublicKeyParameters) kp.getPublic();
        DSAPrivateKeyParameters priv = (DSAPrivateKeyParameters) kp.getPrivate();
        return new OtrLongTermKey(new OtrPublicKey(params.getP(), params.getQ(), params.getG(), pub.getY()),
                Secret.of(priv.getX().toByteArray()));
    }

    public OtrPublicKey publicKey() {
        return publicKey;
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(publicKey);
    }

    /** The private exponent, for storage in the encrypted log only. */
    public Secret privateKey() {
        return x;
    }

    /** sig(M): r || s, each as long as q. */
    public byte[] sign(byte[] m, SecureRandom random) {
        DSAParameters params = new DSAParameters(publicKey.p(), publicKey.q(), publicKey.g());
        DSASigner signer = new DSASigner();
        signer.init(true, new ParametersWithRandom(
                new DSAPrivateKeyParameters(new BigInteger(1, x.bytes()), params), random));
        BigInteger[] rs = signer.generateSignature(reduced(m, publicKey.q()));
        int half = publicKey.signatureHalfLength();
        byte[] out = new byte[2 * half];
        put(rs[0], out, 0, half);
        put(rs[1], out, half, half);
        return out;
    }

    /** Verifies sig(M) by {@code key}; false (never an exception) for any malformed signature. */
    public static boolean verify(OtrPublicKey key, byte[] m, byte[] signature) {
        int half = key.signatureHalfLength();
        if (signature.length != 2 * half || key.p().signum() <= 0 || key.g().signum() <= 0
                || key.y().signum() <= 0 || key.q().bitLength() > key.p().bitLength()) {
            return false;
        }
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, half));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, half, 2 * half));
        try {
            DSASigner verifier = new DSASigner();
            verifier.init(false, new DSAPublicKeyParameters(key.y(), new DSAParameters(key.p(), key.q(), key.g())));
            return verifier.verifySignature(reduced(m, key.q()), r, s);
        } catch (RuntimeException e) {
            // Hostile key parameters (e.g. non-invertible values) make BC throw: that is a failed verification.
            return false;
        }
    }

    /** M mod q, as big-endian bytes no longer than q, so that BC's FIPS truncation leaves it unchanged. */
    private static byte[] reduced(byte[] m, BigInteger q) {
        BigInteger e = new BigInteger(1, m).mod(q);
        byte[] out = new byte[(q.bitLength() + 7) / 8];
        put(e, out, 0, out.length);
        return out;
    }

    private static void put(BigInteger v, byte[] out, int off, int len) {
        byte[] b = dev.sotto.codecs.otr.OtrWriter.unsignedBytes(v);
        System.arraycopy(b, 0, out, off + len - b.length, b.length);
    }

    @Override
    public String toString() {
        return "OtrLongTermKey[" + fingerprint().display() + "]";
    }
}
