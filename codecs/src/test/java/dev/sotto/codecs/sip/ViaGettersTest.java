package dev.sotto.codecs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A parsed Via answers branch, received and rport from the positions the parser noted (HeaderParser.viaParams);
 * a Via built in code looks the names up. Both must give the answers of RFC 3261 §20.42 / RFC 3581 for the first
 * parameter of each name in any case, whatever comes before or after it.
 */
class ViaGettersTest {

    private static final long SEED = System.nanoTime();

    private static final String[] PARAMS = {
        "branch=z9hG4bK1", "BRANCH=z9hG4bK2", "Branch=other", "rport", "rport=5061", "RPORT=7", "received=192.0.2.1",
        "Received=[2001:db8::1]", "received=2001:db8::9", "ttl=3", "maddr=239.1.1.1", "x=y", "rportx=1", "branches",
        "lr",
    };

    @Test
    void parsedGettersAgreeWithLookUpsByName() {
        System.out.println("ViaGettersTest seed " + SEED);
        Random r = new Random(SEED);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder b = new StringBuilder("SIP/2.0/UDP host.example.com:5060");
            int n = r.nextInt(6);
            for (int i = 0; i < n; i++) {
                b.append(r.nextBoolean() ? ";" : " ; ").append(PARAMS[r.nextInt(PARAMS.length)]);
            }
            String text = b.toString();
            Via parsed = HeaderParser.via(text, 0, text.length(), new ParseContext());
            assertThat(parsed).as("seed %d round %d: %s", SEED, round, text).isNotNull();
            List<Parameter> ps = new ArrayList<>(parsed.params().list());
            Via built = new Via("SIP", "2.0", "UDP", "host.example.com", 5060, new Parameters(ps));
            String why = String.format("seed %d round %d: %s", SEED, round, text);
            assertThat(parsed.branch()).as(why).isEqualTo(built.branch()).isEqualTo(first(ps, "branch"));
            assertThat(parsed.received()).as(why).isEqualTo(built.received());
            assertThat(parsed.hasRport()).as(why).isEqualTo(built.hasRport())
                    .isEqualTo(ps.stream().anyMatch(p -> p.name().equalsIgnoreCase("rport")));
            if (parsed.hasRport()) {
                String v = first(ps, "rport");
                assertThat(parsed.rport()).as(why).isEqualTo(built.rport())
                        .isEqualTo(v == null ? -1 : Integer.parseInt(v));
            }
            assertThat(parsed).as(why).isEqualTo(built);
        }
    }

    /** The value of the first parameter called {@code name} in any case, or null. */
    private static String first(List<Parameter> ps, String name) {
        for (Parameter p : ps) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }
}
