package dev.sotto.engine.zrtp;

import dev.sotto.codecs.zrtp.SasType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Short Authentication String renderings of RFC 6189 §5.1.6 (values from §4.5.2: sasvalue is the leftmost
 * 32 bits of sashash). B32: the leftmost 20 bits as four characters of the ZRTP base32 alphabet. B256: the
 * leftmost 16 bits as two words of the PGP word list, the first octet from the "even" column and the second from
 * the "odd" column (the list is the resource {@code pgp-wordlist.txt}, a copy of the spec file: lines
 * {@code HH even odd}).
 */
public final class ZrtpSas {

    /** §5.1.6: the base32 alphabet of the normative pseudocode. */
    static final String BASE32_ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769";

    private static final String[] EVEN = new String[256];
    private static final String[] ODD = new String[256];

    static {
        try (InputStream in = ZrtpSas.class.getResourceAsStream("pgp-wordlist.txt")) {
            if (in == null) {
                throw new IllegalStateException("pgp-wordlist.txt missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                int index = Integer.parseInt(f[0], 16);
                if (f.length != 3 || index != n) {
                    throw new IllegalStateException("pgp-wordlist.txt line " + n + " is not 'HH even odd'");
                }
                EVEN[index] = f[1];
                ODD[index] = f[2];
                n++;
            }
            if (n != 256) {
                throw new IllegalStateException("pgp-wordlist.txt has " + n + " lines, not 256");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ZrtpSas() {}

    /** sasvalue: the leftmost 32 bits of sashash, big-endian (§4.5.2). */
    public static int sasValue(byte[] sashash) {
        return (sashash[0] & 0xFF) << 24 | (sashash[1] & 0xFF) << 16 | (sashash[2] & 0xFF) << 8 | (sashash[3] & 0xFF);
    }

    /** §5.1.6 base32(): four characters, most significant quintet first, from the leftmost 20 bits. */
    public static String base32(int sasValue) {
        char[] out = new char[4];
        for (int i = 0, shift = 27; i != 4; ++i, shift -= 5) {
            out[i] = BASE32_ALPHABET.charAt((sasValue >>> shift) & 31);
        }
        return new String(out);
    }

    /** §5.1.6 B256: the even word of the first octet and the odd word of the second. */
    public static String[] pgpWords(int sasValue) {
        return new String[] {EVEN[(sasValue >>> 24) & 0xFF], ODD[(sasValue >>> 16) & 0xFF]};
    }

    /** The SAS as shown to the user: "abcd" for B32, "even odd" for B256. */
    public static String render(SasType type, int sasValue) {
        if (type.equals(SasType.B32)) {
            return base32(sasValue);
        }
        if (type.equals(SasType.B256)) {
            String[] w = pgpWords(sasValue);
            return w[0] + " " + w[1];
        }
        throw new IllegalArgumentException("unsupported SAS type " + type.name());
    }
}
