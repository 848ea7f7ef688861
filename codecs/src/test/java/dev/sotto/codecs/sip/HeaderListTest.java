package dev.sotto.codecs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 3261 §7.3.1: a header field whose value is a comma-separated list is equivalent to one field per element.
 * The typing pass parses a value as one element first and splits it only when that fails, so a seeded loop checks
 * that a list in one field gives what the same elements in separate fields give: the same elements, the same
 * tolerated violations, or the same rejection.
 */
class HeaderListTest {

    private static final long SEED = System.nanoTime();

    private static final String[] CONTACTS = {
        "<sip:a@example.com>", "\"Bob, Jr.\" <sip:bob@example.com>;q=0.5", "sip:c@example.com;expires=60",
        "Alice<sip:alice@example.com>", "<sip:d@[2001:db8::1]>;p=\"x,y\"", "<sip:e@example.com;lr>",
        "<sip:f@example.com?h=v>", "<sip:bad@>", "sip:g@example.com?x=y", "\"q\\\"uote, d\" <sip:h@example.com>",
    };

    private static final String[] VIAS = {
        "SIP/2.0/UDP a.example.com;branch=z9hG4bK1", "SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bK2;received=192.0.2.1",
        "SIP/2.0/UDP b.example.com;branch=z9hG4bK3;x=\"a,b\"", "SIP/2.0/UDP c.example.com;branch=z9hG4bK",
        "SIP/2.0/UDP d.example.com;rport;branch=z9hG4bK4", "SIP/2.0/UDP", "SIP/2.0/UDP e.example.com;received=[2001:db8::2]",
    };

    private static String message(String name, List<String> elements, boolean oneField) {
        StringBuilder b = new StringBuilder("OPTIONS sip:x@example.com SIP/2.0\r\n");
        if (!name.equals("Via")) {
            b.append("Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK0\r\n");
        }
        if (oneField) {
            b.append(name).append(": ").append(String.join(" , ", elements)).append("\r\n");
        } else {
            for (String e : elements) {
                b.append(name).append(": ").append(e).append("\r\n");
            }
        }
        return b.append("Max-Forwards: 70\r\nTo: <sip:x@example.com>\r\nFrom: <sip:y@example.com>;tag=1\r\n")
                .append("Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").toString();
    }

    private static DecodeResult<SipMessage> parse(String s) {
        return SipParser.defaults().parseDatagram(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aListInOneFieldIsTheSameElementsInSeparateFields() {
        System.out.println("HeaderListTest seed " + SEED);
        Random r = new Random(SEED);
        int lists = 0;
        for (int round = 0; round < 4_000; round++) {
            boolean via = r.nextBoolean();
            String[] pool = via ? VIAS : CONTACTS;
            List<String> elements = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                elements.add(pool[r.nextInt(pool.length)]);
            }
            String name = via ? "Via" : "Contact";
            DecodeResult<SipMessage> one = parse(message(name, elements, true));
            DecodeResult<SipMessage> many = parse(message(name, elements, false));
            String why = String.format("seed %d round %d: %s", SEED, round, elements);
            assertThat(one.getClass()).as(why).isEqualTo(many.getClass());
            if (one instanceof DecodeResult.Ok<SipMessage> ok) {
                SipMessage a = ok.value();
                SipMessage b = ((DecodeResult.Ok<SipMessage>) many).value();
                assertThat(a.violations()).as(why).isEqualTo(b.violations());
                if (via) {
                    assertThat(a.headers().via()).as(why).isEqualTo(b.headers().via()).hasSize(n);
                } else {
                    assertThat(a.headers().contacts()).as(why).isEqualTo(b.headers().contacts()).hasSize(n);
                }
                lists += n > 1 ? 1 : 0;
            } else {
                assertThat(((DecodeResult.Malformed<SipMessage>) one).condition()).as(why)
                        .isEqualTo(((DecodeResult.Malformed<SipMessage>) many).condition());
            }
        }
        assertThat(lists).as("accepted lists of two or more").isGreaterThan(100);
    }

    @Test
    void anUnbracketedUriWithACommaIsAListNotOneContact() {
        // RFC 3261 §20.10: "the name-addr form MUST be used if the addr-spec contains a comma". The userinfo of a
        // SIP URI may hold a comma (§25.1 user-unreserved), so "sip:a,b@example.com" parses whole as one addr-spec;
        // unbracketed, it is the list "sip:a" , "b@example.com" instead, whose second element is no contact.
        DecodeResult<SipMessage> one = parse(message("Contact", List.of("sip:a,b@example.com"), true));
        DecodeResult<SipMessage> many = parse(message("Contact", List.of("sip:a", "b@example.com"), false));
        assertThat(many).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(one).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(((DecodeResult.Malformed<SipMessage>) one).condition())
                .isEqualTo(((DecodeResult.Malformed<SipMessage>) many).condition());
        // Bracketed, the same URI is one contact whose user is "a,b".
        DecodeResult<SipMessage> bracketed = parse(message("Contact", List.of("<sip:a,b@example.com>"), true));
        assertThat(bracketed).isInstanceOf(DecodeResult.Ok.class);
        assertThat(((DecodeResult.Ok<SipMessage>) bracketed).value().headers().contacts()).hasSize(1);
    }
}
