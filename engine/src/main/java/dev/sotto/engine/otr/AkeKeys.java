package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.OtrWriter;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The seven values of OTR v3 "Computing AES keys, MAC keys, and the secure session id": h2(b) =
 * SHA256(b || secbytes); ssid = first 64 bits of h2(0x00); c, c' = halves of h2(0x01); m1, m2, m1', m2' =
 * h2(0x02..0x05).
 */
record AkeKeys(byte[] ssid, byte[] c, byte[] cPrime, byte[] m1, byte[] m2, byte[] m1Prime, byte[] m2Prime) {

    static AkeKeys derive(BigInteger s) {
        byte[] secbytes = OtrWriter.mpiBytes(s);
        byte[] h1 = h2(0x01, secbytes);
        return new AkeKeys(Arrays.copyOf(h2(0x00, secbytes), 8), Arrays.copyOfRange(h1, 0, 16),
                Arrays.copyOfRange(h1, 16, 32), h2(0x02, secbytes), h2(0x03, secbytes), h2(0x04, secbytes),
                h2(0x05, secbytes));
    }

    static byte[] h2(int b, byte[] secbytes) {
        return OtrPrimitives.sha256(new byte[] {(byte) b}, secbytes);
    }

    @Override
    public String toString() {
        return "AkeKeys";
    }
}
