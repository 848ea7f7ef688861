package dev.sotto.codecs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Hosts#hostRun}, the one-pass scan the parser uses, against the two-step definition (run, then check). */
class HostsTest {

    private static final long SEED = System.nanoTime();

    @Test
    void hostRunAgreesWithRunThenHost() {
        System.out.println("HostsTest seed " + SEED);
        Random r = new Random(SEED);
        // letters, digits and "-." mostly (long runs of them take the eight-at-a-time path), with the bytes just
        // outside the alphanumeric ranges ("/" ":" "@" "[" "`" "{"), a control byte and a non-ASCII one
        byte[] alphabet = "ab9Z0-..;:1[]aAzZ09xyzxyz/@`{".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 40_000; round++) {
            int n = r.nextInt(round % 2 == 0 ? 12 : 40);
            byte[] s = new byte[n];
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(alphabet.length + 2);
                s[i] = k < alphabet.length ? alphabet[k] : k == alphabet.length ? (byte) 0x10 : (byte) 0xC3;
            }
            int end = 0;
            while (end < n && Lex.is(s[end], Lex.HOST)) {
                end++; // byte by byte, not Lex.run (eight at a time, tested in LexTest)
            }
            int expected = Hosts.host(s, 0, end, null) == Hosts.INVALID ? -1 : end;
            assertThat(Hosts.hostRun(s, 0, s.length)).as("seed %d round %d: %s", SEED, round,
                    java.util.Arrays.toString(s)).isEqualTo(expected);
        }
    }

    @Test
    void alnumPrefixCountsLeadingLettersAndDigits() {
        Random r = new Random(SEED);
        for (int round = 0; round < 100_000; round++) {
            byte[] s = new byte[8];
            for (int i = 0; i < 8; i++) {
                // mostly alphanumerics, else any byte (the range edges included by chance over the rounds)
                s[i] = r.nextInt(4) > 0 ? (byte) "aZ09mQ".charAt(r.nextInt(6)) : (byte) r.nextInt(256);
            }
            long x = java.nio.ByteBuffer.wrap(s).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            boolean ascii = true;
            for (byte c : s) {
                ascii &= c >= 0;
            }
            int expected = 0;
            while (ascii && expected < 8 && Character.isLetterOrDigit((char) s[expected])) {
                expected++;
            }
            assertThat(Lex.alnumPrefix(x)).as("seed %d round %d: %s", SEED, round, java.util.Arrays.toString(s))
                    .isEqualTo(expected);
        }
    }

    @Test
    void examples() {
        assertThat(run("atlanta.example.com;lr")).isEqualTo(19);
        assertThat(run("atlanta.example.com.")).isEqualTo(20);  // RFC 3261 §25.1: one trailing "."
        assertThat(run("192.0.2.101:5060")).isEqualTo(11);
        assertThat(run("a..b")).isEqualTo(-1);                  // empty label
        assertThat(run("-a.com")).isEqualTo(-1);                // label starts with "-"
        assertThat(run("a-.com")).isEqualTo(-1);                // label ends with "-"
        assertThat(run("a.9com")).isEqualTo(-1);                // toplabel starts with a digit
        assertThat(run("256.1.1.1")).isEqualTo(-1);             // neither IPv4 nor hostname
        assertThat(run(";x")).isEqualTo(-1);
    }

    private static int run(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Hosts.hostRun(b, 0, b.length);
    }
}
