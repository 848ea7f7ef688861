package dev.sotto.codecs.otr;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** Writes the OTR v3 data types (BYTE, SHORT, INT, MPI, DATA, fixed bytes). */
public final class OtrWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    public OtrWriter u8(int v) {
        out.write(v);
        return this;
    }

    public OtrWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public OtrWriter u32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public OtrWriter fixed(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public OtrWriter data(byte[] b) {
        u32(b.length);
        return fixed(b);
    }

    /** MPI in minimum-length encoding; zero has length 0. */
    public OtrWriter mpi(BigInteger v) {
        return data(unsignedBytes(v));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Minimal big-endian unsigned bytes of a non-negative value (empty for zero). */
    public static byte[] unsignedBytes(BigInteger v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("negative MPI");
        }
        if (v.signum() == 0) {
            return new byte[0];
        }
        byte[] b = v.toByteArray();
        if (b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }

    /** The MPI encoding of {@code v} alone. */
    public static byte[] mpiBytes(BigInteger v) {
        return new OtrWriter().mpi(v).toByteArray();
    }
}
