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
        String alphabet = "ab9Z0-..;:1[]";
        for (int round = 0; round < 20_000; round++) {
            int n = r.nextInt(12);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            byte[] s = b.toString().getBytes(StandardCharsets.US_ASCII);
            int end = Lex.run(s, 0, s.length, Lex.HOST);
            int expected = Hosts.host(s, 0, end, null) == Hosts.INVALID ? -1 : end;
            assertThat(Hosts.hostRun(s, 0, s.length)).as("seed %d round %d: %s", SEED, round, b).isEqualTo(expected);
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
