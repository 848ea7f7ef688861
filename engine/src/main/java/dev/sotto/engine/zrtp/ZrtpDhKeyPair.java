package dev.sotto.engine.zrtp;

import dev.sotto.codecs.zrtp.KeyAgreementType;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * One side's ephemeral key of a ZRTP DH exchange (RFC 6189 §4.4.1, §5.1.5): the public value pv in its wire
 * form and the DHResult against the peer's pv, with the §4.4.1.2/§4.4.1.3 value checks. Finite field groups
 * from RFC 3526 with g = 2; P-256/P-384 with x || y public values (SP 800-56A partial validation); X25519
 * (RFC 7748, under bzrtp's "X255" and GNU ZRTP's "E255"). The secret is wiped by {@link #destroy()}.
 */
abstract class ZrtpDhKeyPair {

    /** The public value, fixed to its Table 5 length. */
    abstract byte[] publicValue();

    /** DHResult fixed to its §4.4.1.4 width, or null when the peer's value fails the checks (Error 0x61). */
    abstract byte[] agree(byte[] peerPublicValue);

    abstract void destroy();

    static boolean supports(KeyAgreementType type) {
        switch (type.name()) {
            case "DH3k": case "DH2k": case "EC25": case "EC38": case "X255": case "E255":
                return true;
            default:
                return false;
        }
    }

    /**
     * A fresh key. {@code aesKeyLength} (octets) sizes the finite field secret exponent: twice the AES key
     * length (§5.1.5: 256 bits for AES-128, 512 for AES-256).
     */
    static ZrtpDhKeyPair generate(KeyAgreementType type, int aesKeyLength, SecureRandom random) {
        switch (type.name()) {
            case "DH3k": return new FiniteField(MODP_3072, 384, aesKeyLength * 16, random);
            case "DH2k": return new FiniteField(MODP_2048, 256, aesKeyLength * 16, random);
            case "EC25": return new Elliptic(CustomNamedCurves.getByName("secp256r1"), 32, random);
            case "EC38": return new Elliptic(CustomNamedCurves.getByName("secp384r1"), 48, random);
            case "X255": case "E255": return new Montgomery(random);
            default: throw new IllegalArgumentException("not a DH key agreement: " + type.name());
        }
    }

    static byte[] fixed(BigInteger value, int length) {
        byte[] b = value.toByteArray();
        if (b.length == length) {
            return b;
        }
        byte[] out = new byte[length];
        if (b.length > length) {
            System.arraycopy(b, b.length - length, out, 0, length);
        } else {
            System.arraycopy(b, 0, out, length - b.length, b.length);
        }
        return out;
    }

    /** RFC 3526 §4: the 3072-bit MODP group, generator 2. */
    static final BigInteger MODP_3072 = new BigInteger(""
            + "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
            + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
            + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
            + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
            + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
            + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
            , 16);

    /** RFC 3526 §3: the 2048-bit MODP group, generator 2. */
    static final BigInteger MODP_2048 = new BigInteger(""
            + "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
            + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
            + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
            + "15728E5A8AACAA68FFFFFFFFFFFFFFFF"
            , 16);

    private static final class FiniteField extends ZrtpDhKeyPair {
        private final BigInteger p;
        private final int length;
        private BigInteger secret;
        private final byte[] pv;

        FiniteField(BigInteger p, int length, int secretBits, SecureRandom random) {
            this.p = p;
            this.length = length;
            BigInteger s;
            do {
                s = new BigInteger(secretBits, random);
            } while (s.signum() == 0);
            this.secret = s;
            this.pv = fixed(BigInteger.TWO.modPow(s, p), length);
        }

        @Override
        byte[] publicValue() {
            return pv.clone();
        }

        @Override
        byte[] agree(byte[] peer) {
            if (peer.length != length) {
                return null;
            }
            BigInteger y = new BigInteger(1, peer);
            // §4.4.1.2, §5.9 code 0x61: reject 0, 1, p-1 (and anything outside the group's range)
            if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
                return null;
            }
            return fixed(y.modPow(secret, p), length);
        }

        @Override
        void destroy() {
            secret = BigInteger.ZERO;
        }
    }

    private static final class Elliptic extends ZrtpDhKeyPair {
        private final X9ECParameters curve;
        private final int coordinate;
        private BigInteger secret;
        private final byte[] pv;

        Elliptic(X9ECParameters curve, int coordinate, SecureRandom random) {
            this.curve = curve;
            this.coordinate = coordinate;
            BigInteger n = curve.getN();
            BigInteger d;
            do {
                d = new BigInteger(n.bitLength(), random);
            } while (d.signum() == 0 || d.compareTo(n) >= 0);
            this.secret = d;
            ECPoint q = curve.getG().multiply(d).normalize();
            this.pv = ZrtpCrypto.concat(fixed(q.getAffineXCoord().toBigInteger(), coordinate),
                    fixed(q.getAffineYCoord().toBigInteger(), coordinate));
        }

        @Override
        byte[] publicValue() {
            return pv.clone();
        }

        @Override
        byte[] agree(byte[] peer) {
            if (peer.length != 2 * coordinate) {
                return null;
            }
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(peer, 0, coordinate));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(peer, coordinate, 2 * coordinate));
            ECPoint point;
            try {
                // SP 800-56A §5.6.2.6 partial validation: coordinates in range and the point on the curve
                point = curve.getCurve().validatePoint(x, y);
            } catch (IllegalArgumentException e) {
                return null;
            }
            ECPoint shared = point.multiply(secret).normalize();
            if (shared.isInfinity()) {
                return null;
            }
            // §4.4.1.4 / §5.1.5: the ECDH result is the X coordinate only
            return fixed(shared.getAffineXCoord().toBigInteger(), coordinate);
        }

        @Override
        void destroy() {
            secret = BigInteger.ZERO;
        }
    }

    private static final class Montgomery extends ZrtpDhKeyPair {
        private final byte[] secret = new byte[X25519.SCALAR_SIZE];
        private final byte[] pv = new byte[X25519.POINT_SIZE];

        Montgomery(SecureRandom random) {
            X25519.generatePrivateKey(random, secret);
            X25519.generatePublicKey(secret, 0, pv, 0);
        }

        @Override
        byte[] publicValue() {
            return pv.clone();
        }

        @Override
        byte[] agree(byte[] peer) {
            if (peer.length != X25519.POINT_SIZE) {
                return null;
            }
            byte[] out = new byte[X25519.POINT_SIZE];
            // RFC 7748 §6.1: an all-zero result means a low-order point; abort
            return X25519.calculateAgreement(secret, 0, peer, 0, out, 0) ? out : null;
        }

        @Override
        void destroy() {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
