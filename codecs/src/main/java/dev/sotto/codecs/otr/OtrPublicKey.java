package dev.sotto.codecs.otr;

import java.math.BigInteger;

/**
 * OTR v3 "Public keys, signatures, and fingerprints": PUBKEY of type 0x0000 (DSA) with p, q, g, y.
 * Public values only.
 */
public record OtrPublicKey(BigInteger p, BigInteger q, BigInteger g, BigInteger y) {

    /** Pubkey type of DSA keys. */
    public static final int TYPE_DSA = 0x0000;

    /** The PUBKEY encoding: type (SHORT) then p, q, g, y (MPI). */
    public byte[] encode() {
        return new OtrWriter().u16(TYPE_DSA).mpi(p).mpi(q).mpi(g).mpi(y).toByteArray();
    }

    /**
     * The bytes hashed for the fingerprint: for type 0x0000 "those two leading 0x00 bytes are omitted".
     */
    public byte[] fingerprintInput() {
        return new OtrWriter().mpi(p).mpi(q).mpi(g).mpi(y).toByteArray();
    }

    /** Length in bytes of each of r and s in a signature by this key (the length of q). */
    public int signatureHalfLength() {
        return (q.bitLength() + 7) / 8;
    }

    static OtrPublicKey read(OtrReader r) {
        int type = r.u16();
        if (r.failure() == null && type != TYPE_DSA) {
            r.fail("unknown pubkey type");
        }
        BigInteger p = r.mpi();
        BigInteger q = r.mpi();
        BigInteger g = r.mpi();
        BigInteger y = r.mpi();
        if (r.failure() == null && q.signum() == 0) {
            r.fail("DSA q is zero");
        }
        return new OtrPublicKey(p, q, g, y);
    }
}
