package dev.sotto.codecs.otr;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A cursor over the binary form of an OTR message reading the data types of OTR v3 "Data types".
 * It never throws: reading past the end or breaking a limit records the first failure and returns
 * zero values, and the caller asks {@link #failure()} once at the end.
 */
final class OtrReader {

    private final byte[] in;
    private final OtrLimits limits;
    private int pos;
    private String failure;
    private int failureOffset;

    OtrReader(byte[] in, OtrLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return in.length - pos;
    }

    String failure() {
        return failure;
    }

    int failureOffset() {
        return failureOffset;
    }

    void fail(String condition) {
        if (failure == null) {
            failure = condition;
            failureOffset = pos;
        }
    }

    private boolean need(int n) {
        if (failure != null) {
            return false;
        }
        if (n < 0 || n > in.length - pos) {
            fail("truncated");
            return false;
        }
        return true;
    }

    int u8() {
        if (!need(1)) {
            return 0;
        }
        return in[pos++] & 0xff;
    }

    int u16() {
        if (!need(2)) {
            return 0;
        }
        int v = ((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    /** An INT: unsigned 32 bits, returned in an int (compare with Integer.compareUnsigned). */
    int u32() {
        if (!need(4)) {
            return 0;
        }
        int v = ((in[pos] & 0xff) << 24) | ((in[pos + 1] & 0xff) << 16) | ((in[pos + 2] & 0xff) << 8)
                | (in[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    byte[] fixed(int n) {
        if (!need(n)) {
            return new byte[0];
        }
        byte[] out = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return out;
    }

    /** DATA: 4-byte length then that many bytes. */
    byte[] data() {
        int len = u32();
        if (failure != null) {
            return new byte[0];
        }
        if (len < 0 || len > limits.maxDataBytes()) {
            fail("DATA too long");
            return new byte[0];
        }
        return fixed(len);
    }

    /** MPI: 4-byte length then a minimum-length big-endian unsigned value (OTR v3 "Data types"). */
    BigInteger mpi() {
        int len = u32();
        if (failure != null) {
            return BigInteger.ZERO;
        }
        if (len < 0 || len > limits.maxMpiBytes()) {
            fail("MPI too long");
            return BigInteger.ZERO;
        }
        if (!need(len)) {
            return BigInteger.ZERO;
        }
        if (len > 0 && in[pos] == 0) {
            // "MPIs must use the minimum-length encoding": the MACs and fingerprints are over these bytes.
            fail("MPI not minimal");
            return BigInteger.ZERO;
        }
        BigInteger v = new BigInteger(1, Arrays.copyOfRange(in, pos, pos + len));
        pos += len;
        return v;
    }
}
