package dev.sotto.codecs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** URI syntax (RFC 3261 §19.1.1, §25.1; RFC 3966) and the comparison rules of RFC 3261 §19.1.4. */
class SipUriTest {

    static SipUri sip(String s) {
        DecodeResult<Uri> r = Uri.parse(s);
        assertThat(r).as(s).isInstanceOf(DecodeResult.Ok.class);
        return (SipUri) ((DecodeResult.Ok<Uri>) r).value();
    }

    // RFC 3261 §19.1.4: "The URIs within each of the following sets are equivalent"
    static final List<List<String>> EQUIVALENT = List.of(
            List.of("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"),
            List.of("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5",
                    "sip:carol@chicago.com;security=on"),
            List.of("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                    "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"),
            List.of("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                    "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));

    // RFC 3261 §19.1.4: "The URIs within each of the following sets are not equivalent"
    static final List<List<String>> DIFFERENT = List.of(
            List.of("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"),
            List.of("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"),
            List.of("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"),
            List.of("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"),
            List.of("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"),
            List.of("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"),
            List.of("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"));

    @Test
    void rfc3261EquivalentSets() {
        for (List<String> set : EQUIVALENT) {
            for (String a : set) {
                for (String b : set) {
                    assertThat(sip(a).equivalentTo(sip(b))).as(a + " ~ " + b).isTrue();
                }
            }
        }
    }

    @Test
    void rfc3261DifferentSets() {
        for (List<String> set : DIFFERENT) {
            assertThat(sip(set.get(0)).equivalentTo(sip(set.get(1)))).as(set.toString()).isFalse();
            assertThat(sip(set.get(1)).equivalentTo(sip(set.get(0)))).as(set.toString()).isFalse();
        }
    }

    @Test
    void rfc3261EqualityIsNotTransitive() {
        // §19.1.4: carol ~ carol;security=on and carol ~ carol;security=off, but on !~ off
        assertThat(sip("sip:carol@chicago.com").equivalentTo(sip("sip:carol@chicago.com;security=off"))).isTrue();
    }

    @Test
    void sipsAndSipAreNeverEquivalent() {
        assertThat(sip("sips:alice@atlanta.com").equivalentTo(sip("sip:alice@atlanta.com"))).isFalse();
    }

    @Test
    void escapedReservedCharactersAreNotTheCharacters() {
        // §19.1.4: only characters outside the reserved set equal their % HEX HEX form
        assertThat(sip("sip:a%3Bb@x.com").equivalentTo(sip("sip:a;b@x.com"))).isFalse();
        assertThat(sip("sip:a%3bb@x.com").equivalentTo(sip("sip:a%3Bb@x.com"))).isTrue();
    }

    @Test
    void partsOfAFullUri() {
        SipUri u = sip("sips:alice:secretword@[2001:db8::1]:5061;transport=tcp;lr?subject=x&priority=urgent");
        assertThat(u.secure()).isTrue();
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("secretword");
        assertThat(u.host()).isEqualTo("[2001:db8::1]");
        assertThat(u.hostAddress()).isEqualTo("2001:db8::1");
        assertThat(u.port()).isEqualTo(5061);
        assertThat(u.transport()).isEqualTo("tcp");
        assertThat(u.lr()).isTrue();
        assertThat(u.headers()).extracting(Parameter::name).containsExactly("subject", "priority");
        assertThat(u.toString()).doesNotContain("secretword");
        assertThat(u.encode()).isEqualTo("sips:alice:secretword@[2001:db8::1]:5061;transport=tcp;lr"
                + "?subject=x&priority=urgent");
    }

    @Test
    void telUri() {
        DecodeResult<Uri> r = Uri.parse("tel:+1-201-555-0123;ext=1234");
        TelUri t = (TelUri) ((DecodeResult.Ok<Uri>) r).value();
        assertThat(t.number()).isEqualTo("+1-201-555-0123");
        assertThat(t.isGlobal()).isTrue();
        assertThat(t.params().get("ext")).contains("1234");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "sip:", "sip:@host", "sip:user@", "sip:user@host:99999", "sip:user@host:", "sip:2001:db8::10",
        "sip:user@[2001:db8::1", "sip:user@host;", "sip:user@host?x", "sip:user@ho st", "<sip:a@b>",
        "sip:user@256.1.1.1.", "sip:u%4@host", "sip:user@-bad.example.com", "1sip:x", "tel:", "tel:+1+2",
        "sip:user@[1:2:3:4:5:6:7:8:9]", "sip:user@[::1::2]",
    })
    void malformedUrisAreRejected(String s) {
        assertThat(Uri.parse(s)).as(s).isInstanceOf(DecodeResult.Malformed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sip:host", "sip:[::1]", "sip:[::ffff:192.0.2.1]:5060", "sip:a@192.0.2.1", "sip:a@example.com.",
        "sip:+1-555@gw.example.com;user=phone", "urn:service:sos", "mailto:a@b.example", "sip:a@b;maddr=[::1]",
    })
    void validUrisParseAndEncodeAsWritten(String s) {
        DecodeResult<Uri> r = Uri.parse(s);
        assertThat(r).as(s).isInstanceOf(DecodeResult.Ok.class);
        assertThat(((DecodeResult.Ok<Uri>) r).value().encode()).isEqualTo(s);
    }
}
