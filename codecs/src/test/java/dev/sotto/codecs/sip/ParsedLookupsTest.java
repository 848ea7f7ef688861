package dev.sotto.codecs.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The short cuts of the parser's look-ups give the answers of the plain comparisons they replace: HeaderNames.find
 * (two long compares when 16 bytes of input are at hand, a byte loop otherwise) finds exactly the spellings whose
 * bytes are the name's, and a parsed name-addr's tag() (whose position the parser notes) is the value of its first
 * parameter called "tag" in any case (RFC 3261 §7.3.1: parameter names compare case-insensitively). SipUri and
 * NameAddress, made by the parser without their constructors' checks, equal (and hash as) the same values made
 * through the public constructors, which still refuse what RFC 3261 §25.1 does not allow.
 */
class ParsedLookupsTest {

    private static final long SEED = System.nanoTime();

    private static List<String> spellings() {
        List<String> out = new ArrayList<>();
        for (int h = 0; h < 256; h++) {
            if (HeaderNames.spelling(h) != null) {
                out.add(HeaderNames.spelling(h));
            }
        }
        return out;
    }

    /** find on {@code name} placed at offset 3 of a buffer with {@code tail} bytes after it. */
    private static int find(byte[] name, int tail) {
        byte[] b = new byte[3 + name.length + tail];
        Arrays.fill(b, (byte) ':');
        System.arraycopy(name, 0, b, 3, name.length);
        return HeaderNames.find(b, 3, name.length);
    }

    @Test
    void findAnswersExactlyTheSpellingWithTheSameBytes() {
        System.out.println("ParsedLookupsTest seed " + SEED);
        Random r = new Random(SEED);
        List<String> all = spellings();
        assertThat(all).contains("Via", "v", "V", "Content-Length", "WWW-Authenticate", "Proxy-Authorization");
        for (String s : all) {
            byte[] name = s.getBytes(StandardCharsets.US_ASCII);
            for (int tail : new int[] {0, 1, 7, 15, 16, 40}) {
                int h = find(name, tail);
                assertThat(h).as("%s, %d bytes after it", s, tail).isGreaterThanOrEqualTo(0);
                assertThat(HeaderNames.spelling(h)).isSameAs(s);
            }
            // one byte changed (case flipped, or another byte): found only as a spelling with exactly those bytes
            for (int round = 0; round < 20; round++) {
                byte[] m = name.clone();
                int i = r.nextInt(m.length);
                m[i] = r.nextBoolean() && Character.isLetter(m[i]) ? (byte) (m[i] ^ 0x20) : (byte) r.nextInt(256);
                String mutated = new String(m, StandardCharsets.ISO_8859_1);
                for (int tail : new int[] {0, 16}) {
                    int h = find(m, tail);
                    String why = String.format("seed %d: %s from %s, %d bytes after it", SEED, mutated, s, tail);
                    if (all.contains(mutated)) {
                        assertThat(h).as(why).isGreaterThanOrEqualTo(0);
                        assertThat(HeaderNames.spelling(h)).as(why).isEqualTo(mutated);
                    } else {
                        assertThat(h).as(why).isEqualTo(-1);
                    }
                }
            }
            // a prefix or an extension of a spelling is another name
            if (name.length > 1 && !all.contains(s.substring(0, s.length() - 1))) {
                assertThat(find(Arrays.copyOf(name, name.length - 1), 16)).as(s).isEqualTo(-1);
            }
            if (!all.contains(s + "x")) {
                assertThat(find((s + "x").getBytes(StandardCharsets.US_ASCII), 16)).as(s).isEqualTo(-1);
            }
        }
    }

    private static final String[] PARAMS = {
        "tag=a1", "TAG=b2", "Tag=c3", "tag", "tag=\"q\"", "tags=x", "ta=y", "xtag=z", "lr", "expires=60", "q=0.5",
    };

    @Test
    void parsedTagIsTheFirstTagParameterInAnyCase() {
        Random r = new Random(SEED);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder b = new StringBuilder(r.nextBoolean() ? "Bob <sip:bob@example.com;tag=uri>" : "sip:b@h.example");
            int n = r.nextInt(5);
            for (int i = 0; i < n; i++) {
                b.append(r.nextBoolean() ? ";" : " ; ").append(PARAMS[r.nextInt(PARAMS.length)]);
            }
            String text = b.toString();
            NameAddress parsed = HeaderParser.nameAddress(text, 0, text.length(), false, new ParseContext());
            String why = String.format("seed %d round %d: %s", SEED, round, text);
            assertThat(parsed).as(why).isNotNull();
            String expected = null;
            for (Parameter p : parsed.params().list()) {
                if (p.name().equalsIgnoreCase("tag")) {
                    expected = p.value();
                    break;
                }
            }
            assertThat(parsed.tag()).as(why).isEqualTo(expected);
            // the same parameters in the list form look the name up
            assertThat(new Parameters(parsed.params().list()).value("tag")).as(why).isEqualTo(expected);
        }
    }

    @Test
    void parsedValuesEqualTheSameValuesBuiltInCode() {
        String text = "\"A \\\"B\\\"\" <sips:al%41ce:pw@[2001:db8::1]:5061;transport=tls?h=v>;tag=x";
        NameAddress parsed = HeaderParser.nameAddress(text, 0, text.length(), false, new ParseContext());
        assertThat(parsed).isNotNull();
        SipUri u = (SipUri) parsed.uri();
        SipUri built = new SipUri(true, "al%41ce", "pw", "[2001:db8::1]", 5061,
                Parameters.of(new Parameter("transport", "tls")), List.of(new Parameter("h", "v")));
        assertThat(u).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(u.headers()).isUnmodifiable();
        NameAddress builtNa = new NameAddress("A \"B\"", built, Parameters.of(new Parameter("tag", "x")));
        assertThat(parsed).isEqualTo(builtNa).hasSameHashCodeAs(builtNa);
        assertThat(parsed).isNotEqualTo(new NameAddress(null, built, Parameters.of(new Parameter("tag", "x"))));
        assertThat(u).isNotEqualTo(new SipUri(false, "al%41ce", "pw", "[2001:db8::1]", 5061,
                Parameters.of(new Parameter("transport", "tls")), List.of(new Parameter("h", "v"))));

        assertThatThrownBy(() -> new SipUri(false, null, null, "", -1, Parameters.NONE, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SipUri(false, null, null, "h", 65536, Parameters.NONE, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SipUri(false, null, "pw", "h", -1, Parameters.NONE, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NameAddress("a\r\nb", built, Parameters.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NameAddress("a", null, Parameters.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
