package dev.sotto.codecs.otr;

import dev.sotto.codecs.DecodeResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The value of SMP TLVs (types 2-5, 7 after its question): MPI count (INT) then that many MPIs. */
public final class SmpTlvCodec {

    private SmpTlvCodec() {}

    /** Decodes exactly {@code expected} MPIs; any other count is malformed. */
    public static DecodeResult<List<BigInteger>> decode(byte[] value, int offset, int expected, OtrLimits limits) {
        if (offset < 0 || offset > value.length) {
            return DecodeResult.malformed("offset outside value", Math.max(0, offset));
        }
        byte[] in = offset == 0 ? value : java.util.Arrays.copyOfRange(value, offset, value.length);
        OtrReader r = new OtrReader(in, limits);
        int count = r.u32();
        if (r.failure() == null && (count != expected || count > limits.maxSmpMpis())) {
            r.fail("wrong MPI count");
        }
        List<BigInteger> out = new ArrayList<>();
        for (int i = 0; i < expected && r.failure() == null; i++) {
            out.add(r.mpi());
        }
        if (r.failure() == null && r.remaining() != 0) {
            r.fail("trailing bytes");
        }
        if (r.failure() != null) {
            return DecodeResult.malformed(r.failure(), offset + (long) r.failureOffset());
        }
        return DecodeResult.ok(List.copyOf(out), value.length);
    }

    public static byte[] encode(List<BigInteger> mpis) {
        OtrWriter w = new OtrWriter().u32(mpis.size());
        for (BigInteger m : mpis) {
            w.mpi(m);
        }
        return w.toByteArray();
    }
}
