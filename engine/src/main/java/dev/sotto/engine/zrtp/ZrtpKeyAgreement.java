package dev.sotto.engine.zrtp;

import dev.sotto.codecs.zrtp.CipherAlgorithm;
import dev.sotto.codecs.zrtp.KeyAgreementType;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The key agreements of RFC 6189 §5.1.5 (DH3k, DH2k, EC25, EC38) and X25519 (advertised as X255 or E255):
 * key generation, the public value pvi/pvr as sent in DHPart1/DHPart2, the checks on the peer's public value
 * (§4.4.1.2/§4.4.1.3: DH rejects 0, 1 and p−1; §5.1.5: EC partial validation, SP 800-56A §5.6.2.6 method 3)
 * and DHResult at the width §4.4.1.4 fixes. Finite-field DH is plain modular exponentiation over the RFC 3526
 * groups; the curves and X25519 use Bouncy Castle's low-level arithmetic, so every parameter is named here.
 */
public final class ZrtpKeyAgreement {

    /** RFC 3526 §3, group 14: the 2048-bit MODP prime, DH2k (RFC 6189 §5.1.5). */
    static final BigInteger MODP_2048 = new BigInteger(""
            + "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
            + "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
            + "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
            + "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
            + "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
            + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
            + "3995497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF", 16);

    /** RFC 3526 §4, group 15: the 3072-bit MODP prime, DH3k (RFC 6189 §5.1.5). */
    static final BigInteger MODP_3072 = new BigInteger(""
            + "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
            + "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
            + "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
            + "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
            + "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
            + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
            + "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33"
            + "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
            + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864"
            + "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
            + "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF", 16);

    /** RFC 3526 and RFC 6189 §5.1.5: the generator g is 2. */
    static final BigInteger GENERATOR = BigInteger.TWO;

    private enum Kind { FINITE_FIELD, NIST_CURVE, X25519 }

    private final KeyAgreementType type;
    private final Kind kind;
    private final BigInteger prime;
    private final int dhSecretBits;
    private final X9ECParameters curve;
    private final int fieldLength;

    private ZrtpKeyAgreement(KeyAgreementType type, Kind kind, BigInteger prime, int dhSecretBits,
            X9ECParameters curve, int fieldLength) {
        this.type = type;
        this.kind = kind;
        this.prime = prime;
        this.dhSecretBits = dhSecretBits;
        this.curve = curve;
        this.fieldLength = fieldLength;
    }

    /**
     * The key agreement for {@code type}; {@code cipher} sizes the DH secret exponent (§5.1.5: twice the AES key
     * length, 256 bits for AES-128, 384 for AES-192, 512 for AES-256) and is ignored for the curves.
     *
     * @throws IllegalArgumentException for Prsh, Mult and names this engine does not implement
     */
    public static ZrtpKeyAgreement of(KeyAgreementType type, CipherAlgorithm cipher) {
        int secretBits = cipher.equals(CipherAlgorithm.AES3) || cipher.equals(CipherAlgorithm.TWOFISH3) ? 512
                : cipher.equals(CipherAlgorithm.AES2) || cipher.equals(CipherAlgorithm.TWOFISH2) ? 384 : 256;
        switch (type.name()) {
            case "DH3k": return new ZrtpKeyAgreement(type, Kind.FINITE_FIELD, MODP_3072, secretBits, null, 384);
            case "DH2k": return new ZrtpKeyAgreement(type, Kind.FINITE_FIELD, MODP_2048, secretBits, null, 256);
            // RFC 5114 §2.6/§2.7 name the same curves as NIST P-256 and P-384 (FIPS 186-3).
            case "EC25": return new ZrtpKeyAgreement(type, Kind.NIST_CURVE, null, 0, ECNamedCurveTable.getByName("P-256"), 32);
            case "EC38": return new ZrtpKeyAgreement(type, Kind.NIST_CURVE, null, 0, ECNamedCurveTable.getByName("P-384"), 48);
            case "X255":
            case "E255": return new ZrtpKeyAgreement(type, Kind.X25519, null, 0, null, X25519.POINT_SIZE);
            default: throw new IllegalArgumentException("no Diffie-Hellman for key agreement type " + type.name());
        }
    }

    /** True for the types {@link #of} accepts. */
    public static boolean isSupported(KeyAgreementType type) {
        return switch (type.name()) {
            case "DH3k", "DH2k", "EC25", "EC38", "X255", "E255" -> true;
            default -> false;
        };
    }

    public KeyAgreementType type() {
        return type;
    }

    /** Octets of pvi/pvr (Table 5; X25519: 32). */
    public int publicValueLength() {
        return kind == Kind.NIST_CURVE ? 2 * fieldLength : fieldLength;
    }

    /** Octets of DHResult (§4.4.1.4: 384, 256, 32, 48; X25519: 32). */
    public int resultLength() {
        return fieldLength;
    }

    /** A fresh key pair (§4.4.1.1: svi/svr and pvi/pvr). */
    public LocalKey generate(SecureRandom random) {
        switch (kind) {
            case FINITE_FIELD: {
                BigInteger x;
                do {
                    x = new BigInteger(dhSecretBits, random);
                } while (x.bitLength() < 2);
                return fromFiniteFieldSecret(x);
            }
            case NIST_CURVE: {
                BigInteger n = curve.getN();
                BigInteger d;
                do {
                    d = new BigInteger(n.bitLength(), random);
                } while (d.signum() == 0 || d.compareTo(n) >= 0);
                return fromCurveSecret(d);
            }
            default: {
                byte[] k = new byte[X25519.SCALAR_SIZE];
                X25519.generatePrivateKey(random, k);
                return fromX25519Secret(k);
            }
        }
    }

    /**
     * A key pair from a known secret, for test vectors: a big-endian exponent (DH), a big-endian scalar d (EC)
     * or the 32-octet X25519 scalar as in RFC 7748.
     */
    public LocalKey fromSecret(byte[] secret) {
        switch (kind) {
            case FINITE_FIELD: return fromFiniteFieldSecret(new BigInteger(1, secret));
            case NIST_CURVE: return fromCurveSecret(new BigInteger(1, secret));
            default: return fromX25519Secret(secret.clone());
        }
    }

    private LocalKey fromFiniteFieldSecret(BigInteger x) {
        return new LocalKey(this, fixed(GENERATOR.modPow(x, prime), fieldLength), x, null);
    }

    private LocalKey fromCurveSecret(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(curve.getN()) >= 0) {
            throw new IllegalArgumentException("EC secret out of range");
        }
        ECPoint q = curve.getG().multiply(d).normalize();
        byte[] pv = new byte[2 * fieldLength];
        // §5.1.5: X then Y, each the width of the field.
        System.arraycopy(fixed(q.getAffineXCoord().toBigInteger(), fieldLength), 0, pv, 0, fieldLength);
        System.arraycopy(fixed(q.getAffineYCoord().toBigInteger(), fieldLength), 0, pv, fieldLength, fieldLength);
        return new LocalKey(this, pv, d, null);
    }

    private LocalKey fromX25519Secret(byte[] k) {
        if (k.length != X25519.SCALAR_SIZE) {
            throw new IllegalArgumentException("X25519 secret is 32 octets");
        }
        byte[] pv = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(k, 0, pv, 0);
        return new LocalKey(this, pv, null, k);
    }

    /**
     * Checks a received pvi/pvr: the right length; DH: 1 &lt; pv &lt; p−1 (§4.4.1.2, §4.4.1.3, Error 0x61 of §5.9);
     * EC: both coordinates in [0, p−1] and the point on the curve (SP 800-56A §5.6.2.6 partial validation, as
     * §5.1.5 requires); X25519 takes any 32 octets (RFC 7748 §5) and is checked through its result instead.
     */
    public boolean isValidPublicValue(byte[] pv) {
        if (pv == null || pv.length != publicValueLength()) {
            return false;
        }
        switch (kind) {
            case FINITE_FIELD: {
                BigInteger y = new BigInteger(1, pv);
                return y.compareTo(BigInteger.ONE) > 0 && y.compareTo(prime.subtract(BigInteger.ONE)) < 0;
            }
            case NIST_CURVE:
                return curvePoint(pv).isPresent();
            default:
                return true;
        }
    }

    private Optional<ECPoint> curvePoint(byte[] pv) {
        ECCurve c = curve.getCurve();
        BigInteger p = c.getField().getCharacteristic();
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(pv, 0, fieldLength));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(pv, fieldLength, 2 * fieldLength));
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return Optional.empty();
        }
        // createPoint does not validate; isValid checks the curve equation (and the cofactor, 1 here).
        ECPoint point = c.createPoint(x, y);
        return point.isInfinity() || !point.isValid() ? Optional.empty() : Optional.of(point);
    }

    /**
     * DHResult (§4.4.1.4) of our key and the peer's public value, big-endian at the prime's width for DH, the X
     * coordinate for EC (SP 800-56A), the X25519 output for X25519; empty when the public value fails
     * {@link #isValidPublicValue} or X25519 yields the all-zero value (RFC 7748 §6.1). Never throws on what a
     * peer sends.
     */
    public Optional<byte[]> sharedSecret(LocalKey local, byte[] peerPublicValue) {
        if (local.agreement != this && !local.agreement.type.equals(type)) {
            throw new IllegalArgumentException("key of another key agreement");
        }
        if (!isValidPublicValue(peerPublicValue)) {
            return Optional.empty();
        }
        switch (kind) {
            case FINITE_FIELD: {
                BigInteger y = new BigInteger(1, peerPublicValue);
                return Optional.of(fixed(y.modPow(local.scalar, prime), fieldLength));
            }
            case NIST_CURVE: {
                ECPoint z = curvePoint(peerPublicValue).orElseThrow().multiply(local.scalar).normalize();
                if (z.isInfinity()) {
                    return Optional.empty();
                }
                return Optional.of(fixed(z.getAffineXCoord().toBigInteger(), fieldLength));
            }
            default: {
                byte[] k = new byte[X25519.POINT_SIZE];
                if (!X25519.calculateAgreement(local.x25519, 0, peerPublicValue, 0, k, 0)) {
                    return Optional.empty();
                }
                return Optional.of(k);
            }
        }
    }

    /** Big-endian, exactly {@code length} octets: §4.4.1.1 "leading zeros MUST NOT be truncated". */
    static byte[] fixed(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        byte[] out = new byte[length];
        if (raw.length > length) {
            // Only a sign octet can be extra.
            System.arraycopy(raw, raw.length - length, out, 0, length);
        } else {
            System.arraycopy(raw, 0, out, length - raw.length, raw.length);
        }
        return out;
    }

    /** Our side of one exchange: the secret (never printed) and the public value to send. */
    public static final class LocalKey {

        private final ZrtpKeyAgreement agreement;
        private final byte[] publicValue;
        private final BigInteger scalar;
        private final byte[] x25519;

        private LocalKey(ZrtpKeyAgreement agreement, byte[] publicValue, BigInteger scalar, byte[] x25519) {
            this.agreement = agreement;
            this.publicValue = publicValue;
            this.scalar = scalar;
            this.x25519 = x25519;
        }

        /** pvi or pvr as sent in DHPart2 or DHPart1. */
        public byte[] publicValue() {
            return publicValue.clone();
        }

        public KeyAgreementType type() {
            return agreement.type;
        }

        /** Zeroes what can be zeroed (BigInteger secrets cannot be: they are dropped). */
        public void destroy() {
            if (x25519 != null) {
                Arrays.fill(x25519, (byte) 0);
            }
        }

        @Override
        public String toString() {
            return "LocalKey[" + agreement.type.name() + "]";
        }
    }
}
