package dev.sotto.codecs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanners that read eight bytes at a time ({@link Lex#run}, {@link SipParser#firstSpecial}) against their
 * byte-by-byte definitions.
 */
class LexTest {

    private static final long SEED = System.nanoTime();

    @Test
    void runAgreesWithByteByByte() {
        System.out.println("LexTest seed " + SEED);
        Random r = new Random(SEED);
        // alphanumerics mostly, the punctuation of token and word, bytes just outside the alphanumeric ranges,
        // a control byte and non-ASCII bytes
        byte[] alphabet = "aZ09mQxY7-.!%*_+`'~@:/[]{}<>\"; =".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int[] classes = {Lex.TOKEN, Lex.WORD, Lex.HOST, Lex.USER, Lex.PARAM};
        for (int round = 0; round < 50_000; round++) {
            int n = r.nextInt(40);
            byte[] s = new byte[n];
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(alphabet.length + 12);
                s[i] = k < alphabet.length ? alphabet[k] : k < alphabet.length + 8 ? alphabet[k % 8]
                        : k == alphabet.length + 8 ? (byte) 0x10 : (byte) (0x80 + r.nextInt(128));
            }
            int from = n == 0 ? 0 : r.nextInt(n);
            int cls = classes[r.nextInt(classes.length)];
            int expected = from;
            while (expected < n && Lex.is(s[expected], cls)) {
                expected++;
            }
            assertThat(Lex.run(s, from, n, cls)).as("seed %d round %d: %s from %d class %d", SEED, round,
                    java.util.Arrays.toString(s), from, cls).isEqualTo(expected);
        }
    }

    @Test
    void firstSpecialAgreesWithByteByByte() {
        Random r = new Random(SEED);
        // printable ASCII mostly, with HTAB, CR, LF, other control bytes, DEL and non-ASCII bytes
        byte[] alphabet = "abc XYZ019:;<>\"\t\t\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int round = 0; round < 50_000; round++) {
            int n = r.nextInt(40);
            byte[] s = new byte[n];
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(40);
                s[i] = k < 28 ? (byte) (0x20 + r.nextInt(0x5f)) : k < 36 ? alphabet[r.nextInt(alphabet.length)]
                        : k < 38 ? (byte) r.nextInt(0x20) : k == 38 ? (byte) 0x7f : (byte) (0x80 + r.nextInt(128));
            }
            int from = n == 0 ? 0 : r.nextInt(n);
            int expected = -1;
            for (int i = from; i < n; i++) {
                if (s[i] < 0 || (s[i] < 0x20 && s[i] != '\t')) {
                    expected = i;
                    break;
                }
            }
            assertThat(SipParser.firstSpecial(s, from, n)).as("seed %d round %d: %s from %d", SEED, round,
                    java.util.Arrays.toString(s), from).isEqualTo(expected);
        }
    }

    /**
     * isToken answers our shared words by identity: each must get the answer of the char-by-char check of
     * RFC 3261 §25.1 token (the quoted words of the table are not tokens), and an equal String made elsewhere the
     * same answer.
     */
    @Test
    void isTokenOfSharedWordsAgreesWithTheCharCheck() {
        for (String w : new String[] {"INVITE", "REGISTER", "SUBSCRIBE", "application", "sdp", "Digest", "2.0",
                "\"auth\"", "\"\"", "tag", "branch"}) {
            boolean expected = !w.isEmpty() && Lex.run(w, 0, w.length(), Lex.TOKEN) == w.length();
            assertThat(Lex.isToken(w)).as(w).isEqualTo(expected);
            assertThat(Lex.isToken(new String(w.toCharArray()))).as("a copy of " + w).isEqualTo(expected);
        }
        assertThat(Lex.isToken("\"auth\"")).isFalse();
        assertThat(Lex.isToken("IN VITE")).isFalse();
        assertThat(Lex.isToken("")).isFalse();
        assertThat(Lex.isToken("x-tended.method!")).isTrue();
    }
}
