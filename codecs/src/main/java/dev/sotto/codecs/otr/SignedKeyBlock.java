package dev.sotto.codecs.otr;

import dev.sotto.codecs.DecodeResult;

/**
 * X[B] or X[A] of the AKE (OTR v3 "Reveal Signature Message"): pub, keyid, sig(M). The signature is r
 * then s, each as long as q.
 */
public record SignedKeyBlock(OtrPublicKey publicKey, int keyId, byte[] signature) {

    public byte[] encode() {
        return new OtrWriter().fixed(publicKey.encode()).u32(keyId).fixed(signature).toByteArray();
    }

    /** Decodes a decrypted X block; the whole input must be used. */
    public static DecodeResult<SignedKeyBlock> decode(byte[] in, OtrLimits limits) {
        OtrReader r = new OtrReader(in, limits);
        OtrPublicKey pub = OtrPublicKey.read(r);
        int keyId = r.u32();
        byte[] sig = r.failure() == null ? r.fixed(2 * pub.signatureHalfLength()) : new byte[0];
        if (r.failure() == null && r.remaining() != 0) {
            r.fail("trailing bytes");
        }
        if (r.failure() != null) {
            return DecodeResult.malformed(r.failure(), r.failureOffset());
        }
        return DecodeResult.ok(new SignedKeyBlock(pub, keyId, sig), in.length);
    }
}
