package dev.sotto.engine.otr;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.otr.DhCommitMessage;
import dev.sotto.codecs.otr.DhKeyMessage;
import dev.sotto.codecs.otr.EncodedMessage;
import dev.sotto.codecs.otr.OtrLimits;
import dev.sotto.codecs.otr.OtrPublicKey;
import dev.sotto.codecs.otr.OtrWriter;
import dev.sotto.codecs.otr.RevealSignatureMessage;
import dev.sotto.codecs.otr.SignatureMessage;
import dev.sotto.codecs.otr.SignedKeyBlock;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The OTR v3 AKE transitions ("Receiving a D-H Commit Message" ... "Receiving a Signature Message"). Pure:
 * state + message + randomness in, next state + replies out.
 */
final class Ake {

    /** Our keyid for the D-H key used in the AKE (OTR v3 "Key Management": our_keyid - 1 with our_keyid = 2). */
    static final int AKE_KEY_ID = 1;

    private final int ourInstance;
    private final OtrLongTermKey longTermKey;
    private final OtrLimits limits;

    Ake(int ourInstance, OtrLongTermKey longTermKey, OtrLimits limits) {
        this.ourInstance = ourInstance;
        this.longTermKey = longTermKey;
        this.limits = limits;
    }

    /** Sends a D-H Commit Message and enters AUTHSTATE_AWAITING_DHKEY. */
    AkeStep start(int version, int theirInstance, SecureRandom random) {
        byte[] r = new byte[16]; // "Choose a random value r (128 bits)"
        random.nextBytes(r);
        DhKeyPair x = DhKeyPair.generate(random);
        byte[] gxmpi = OtrWriter.mpiBytes(x.publicKey());
        DhCommitMessage commit = new DhCommitMessage(version, tag(version, ourInstance),
                tag(version, theirInstance), OtrPrimitives.aes128CtrZero(r, gxmpi), OtrPrimitives.sha256(gxmpi));
        return AkeStep.to(new AwaitingDhKey(version, r, x, commit), commit);
    }

    AkeStep receive(AuthState state, EncodedMessage m, SecureRandom random) {
        if (m instanceof DhCommitMessage c) {
            return commit(state, c, random);
        } else if (m instanceof DhKeyMessage k) {
            return dhKey(state, k, random);
        } else if (m instanceof RevealSignatureMessage rs) {
            return revealSignature(state, rs, random);
        } else if (m instanceof SignatureMessage s) {
            return signature(state, s);
        }
        return AkeStep.ignore(state, "not an AKE message");
    }

    private AkeStep commit(AuthState state, DhCommitMessage c, SecureRandom random) {
        if (state instanceof AwaitingDhKey a) {
            // "The symmetry will be broken by comparing the hashed g^x ... as 32-byte unsigned big-endian values."
            if (new BigInteger(1, a.sent().hashedGx()).compareTo(new BigInteger(1, c.hashedGx())) > 0) {
                return AkeStep.to(a, a.sent()); // "Ignore the incoming D-H Commit message, but resend your D-H Commit"
            }
            return replyDhKey(c, random); // "Forget your old g^x ... pretend you're in AUTHSTATE_NONE"
        }
        if (state instanceof AwaitingRevealSig a) {
            // "Retransmit your D-H Key Message ... Forget the old D-H Commit message, and use this new one instead."
            return AkeStep.to(new AwaitingRevealSig(c.version(), c.senderInstance(), a.y(), a.sent(),
                    c.encryptedGx(), c.hashedGx()), a.sent());
        }
        // AUTHSTATE_NONE: reply with a D-H Key; AUTHSTATE_AWAITING_SIG: "Reply with a new D-H Key message".
        return replyDhKey(c, random);
    }

    private AkeStep replyDhKey(DhCommitMessage c, SecureRandom random) {
        DhKeyPair y = DhKeyPair.generate(random);
        DhKeyMessage key = new DhKeyMessage(c.version(), tag(c.version(), ourInstance), c.senderInstance(),
                y.publicKey());
        return AkeStep.to(new AwaitingRevealSig(c.version(), c.senderInstance(), y, key, c.encryptedGx(),
                c.hashedGx()), key);
    }

    private AkeStep dhKey(AuthState state, DhKeyMessage k, SecureRandom random) {
        if (state instanceof AwaitingDhKey a) {
            if (k.version() != a.version()) {
                return AkeStep.ignore(state, "version mismatch");
            }
            if (!OtrGroup.isLegal(k.gy())) {
                return AkeStep.ignore(state, "illegal g^y"); // "Verifies that Alice's g^y is a legal value"
            }
            AkeKeys keys = AkeKeys.derive(a.x().agree(k.gy()));
            byte[] encrypted = signedBlock(keys.c(), keys.m1(), a.x().publicKey(), k.gy(), random);
            RevealSignatureMessage rs = new RevealSignatureMessage(a.version(), tag(a.version(), ourInstance),
                    k.senderInstance(), a.r(), encrypted, mac160(keys.m2(), encrypted));
            return AkeStep.to(new AwaitingSig(a.version(), k.senderInstance(), a.x(), k.gy(), keys, rs), rs);
        }
        if (state instanceof AwaitingSig a) {
            if (a.gy().equals(k.gy())) {
                return AkeStep.to(a, a.sent()); // "the same one you received earlier: Retransmit"
            }
            return AkeStep.ignore(state, "different D-H Key while awaiting signature");
        }
        return AkeStep.ignore(state, "unexpected D-H Key");
    }

    private AkeStep revealSignature(AuthState state, RevealSignatureMessage rs, SecureRandom random) {
        if (!(state instanceof AwaitingRevealSig a)) {
            return AkeStep.ignore(state, "unexpected Reveal Signature");
        }
        if (rs.version() != a.version() || rs.revealedKey().length != 16) {
            return AkeStep.ignore(state, "bad revealed key");
        }
        // "Uses r to decrypt the value of g^x sent earlier" and "Verifies that HASH(g^x) matches".
        byte[] gxmpi = OtrPrimitives.aes128CtrZero(rs.revealedKey(), a.encryptedGx());
        if (!MessageDigest.isEqual(OtrPrimitives.sha256(gxmpi), a.hashedGx())) {
            return AkeStep.ignore(state, "g^x hash mismatch");
        }
        BigInteger gx = singleMpi(gxmpi);
        if (gx == null || !OtrGroup.isLegal(gx)) {
            return AkeStep.ignore(state, "illegal g^x");
        }
        AkeKeys keys = AkeKeys.derive(a.y().agree(gx));
        if (!MessageDigest.isEqual(mac160(keys.m2(), rs.encryptedSignature()), rs.mac())) {
            return AkeStep.ignore(state, "bad MAC");
        }
        SignedKeyBlock xb = openBlock(keys.c(), keys.m1(), rs.encryptedSignature(), gx, a.y().publicKey());
        if (xb == null) {
            return AkeStep.ignore(state, "bad signature");
        }
        byte[] encrypted = signedBlock(keys.cPrime(), keys.m1Prime(), a.y().publicKey(), gx, random);
        SignatureMessage sig = new SignatureMessage(a.version(), tag(a.version(), ourInstance), rs.senderInstance(),
                encrypted, mac160(keys.m2Prime(), encrypted));
        AkeResult result = new AkeResult(a.version(), rs.senderInstance(), a.y(), gx, xb.keyId(), xb.publicKey(),
                keys.ssid(), false);
        return new AkeStep(AuthNone.INSTANCE, java.util.List.of(sig), result, null);
    }

    private AkeStep signature(AuthState state, SignatureMessage s) {
        if (!(state instanceof AwaitingSig a)) {
            return AkeStep.ignore(state, "unexpected Signature");
        }
        if (s.version() != a.version()) {
            return AkeStep.ignore(state, "version mismatch");
        }
        AkeKeys keys = a.keys();
        if (!MessageDigest.isEqual(mac160(keys.m2Prime(), s.encryptedSignature()), s.mac())) {
            return AkeStep.ignore(state, "bad MAC");
        }
        SignedKeyBlock xa = openBlock(keys.cPrime(), keys.m1Prime(), s.encryptedSignature(), a.gy(),
                a.x().publicKey());
        if (xa == null) {
            return AkeStep.ignore(state, "bad signature");
        }
        AkeResult result = new AkeResult(a.version(), s.senderInstance(), a.x(), a.gy(), xa.keyId(), xa.publicKey(),
                keys.ssid(), true);
        return new AkeStep(AuthNone.INSTANCE, java.util.List.of(), result, null);
    }

    /** AES[c](X) with X = pub, keyid, sig(MAC[m1](ours, theirs, pub, keyid)). */
    private byte[] signedBlock(byte[] c, byte[] m1, BigInteger ourDh, BigInteger theirDh, SecureRandom random) {
        OtrPublicKey pub = longTermKey.publicKey();
        byte[] m = OtrPrimitives.hmacSha256(m1, new OtrWriter().mpi(ourDh).mpi(theirDh).fixed(pub.encode())
                .u32(AKE_KEY_ID).toByteArray());
        byte[] x = new SignedKeyBlock(pub, AKE_KEY_ID, longTermKey.sign(m, random)).encode();
        return OtrPrimitives.aes128CtrZero(c, x);
    }

    /** Decrypts and checks their X block; null unless the signature over M verifies and keyid > 0. */
    private SignedKeyBlock openBlock(byte[] c, byte[] m1, byte[] encrypted, BigInteger theirDh, BigInteger ourDh) {
        DecodeResult<SignedKeyBlock> d = SignedKeyBlock.decode(OtrPrimitives.aes128CtrZero(c, encrypted), limits);
        if (!(d instanceof DecodeResult.Ok<SignedKeyBlock> ok)) {
            return null;
        }
        SignedKeyBlock x = ok.value();
        if (x.keyId() == 0) {
            return null; // "It is an INT, and must be greater than 0."
        }
        byte[] m = OtrPrimitives.hmacSha256(m1, new OtrWriter().mpi(theirDh).mpi(ourDh)
                .fixed(x.publicKey().encode()).u32(x.keyId()).toByteArray());
        return OtrLongTermKey.verify(x.publicKey(), m, x.signature()) ? x : null;
    }

    /** The DATA field of the encrypted signature "including the four-byte length", MAC'd. */
    private static byte[] mac160(byte[] key, byte[] encrypted) {
        return OtrPrimitives.hmacSha256_160(key, new OtrWriter().data(encrypted).toByteArray());
    }

    private static BigInteger singleMpi(byte[] mpi) {
        if (mpi.length < 5) {
            return null;
        }
        long len = ((mpi[0] & 0xffL) << 24) | ((mpi[1] & 0xff) << 16) | ((mpi[2] & 0xff) << 8) | (mpi[3] & 0xff);
        if (len != mpi.length - 4 || mpi[4] == 0) {
            return null;
        }
        return new BigInteger(1, java.util.Arrays.copyOfRange(mpi, 4, mpi.length));
    }

    private static int tag(int version, int instance) {
        return version == 3 ? instance : 0;
    }
}
