package dev.sotto.vectors.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.sdp.MediaDescription;
import dev.sotto.codecs.sdp.SdpParser;
import dev.sotto.codecs.sdp.SessionDescription;
import dev.sotto.codecs.sip.AbsoluteUri;
import dev.sotto.codecs.sip.NameAddress;
import dev.sotto.codecs.sip.SipHeaders;
import dev.sotto.codecs.sip.SipMessage;
import dev.sotto.codecs.sip.SipParser;
import dev.sotto.codecs.sip.SipRequest;
import dev.sotto.codecs.sip.SipResponse;
import dev.sotto.codecs.sip.SipStreamDecoder;
import dev.sotto.codecs.sip.SipUri;
import dev.sotto.codecs.sip.SipViolation;
import dev.sotto.codecs.sip.Via;
import dev.sotto.vectors.spi.CaseResult;
import dev.sotto.vectors.spi.VectorSource;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4475 and RFC 5118 torture messages: every verdict of vectors/sip/verdicts.tsv, and for the messages the
 * RFCs describe as valid the fields the RFC text names (expected values read from the RFC text, not from our
 * output). Accepted messages with stream framing are also fed to {@link SipStreamDecoder} whole, one byte at a
 * time and at random splits (seed printed; -Dsotto.test.seed= replays).
 */
class SipTortureTest {

    private static final long SEED = Long.getLong("sotto.test.seed", System.nanoTime());

    static byte[] read(String path) {
        try (InputStream in = SipTortureTest.class.getClassLoader().getResourceAsStream("vectors/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing vector resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<TortureCase> cases() {
        return TortureCase.parseTable(new String(read("sip/verdicts.tsv"), StandardCharsets.UTF_8));
    }

    static Stream<TortureCase> allCases() {
        return cases().stream();
    }

    @Test
    void tableCoversEveryPublishedFileOnce() {
        List<TortureCase> cs = cases();
        assertThat(cs).hasSize(62);
        assertThat(cs.stream().filter(c -> c.rfc().equals("4475"))).hasSize(50);
        assertThat(cs.stream().filter(c -> c.rfc().equals("5118"))).hasSize(12);
        assertThat(cs.stream().map(TortureCase::file).distinct()).hasSize(62);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void verdict(TortureCase c) {
        assertThat(TortureCheck.check(c, read(c.file()))).as(c.file() + " (" + c.title() + ")").isNull();
    }

    @Test
    void suiteRunsEveryCaseAndPasses() throws Exception {
        List<CaseResult> rs = new SipTortureSuite().run(VectorSource.resources(getClass().getClassLoader()));
        assertThat(rs).hasSize(62);
        assertThat(rs).allSatisfy(r -> assertThat(r.passed()).as(r.id() + ": " + r.reason()).isTrue());
    }

    static Stream<TortureCase> streamable() {
        return cases().stream().filter(c -> c.accept()
                && !c.violations().contains("TRAILING_DATAGRAM_OCTETS")
                && !c.violations().contains("MISSING_EMPTY_LINE")
                && !c.id().equals("inv2543.dat")); // no Content-Length: only datagram framing (RFC 3261 §18.3)
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamable")
    void streamFramingGivesTheDatagramResultForAnyChunking(TortureCase c) {
        byte[] bytes = bytesFor(c);
        SipMessage expected = ok(bytes);
        // two messages back to back after keep-alive CRLFs (RFC 3261 §7.5)
        byte[] two = concat("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), bytes, "\r\n".getBytes(), bytes);
        Random rnd = new Random(SEED ^ c.id().hashCode());
        for (int mode = 0; mode < 3; mode++) {
            EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder());
            int i = 0;
            while (i < two.length) {
                int n = mode == 0 ? two.length : mode == 1 ? 1 : 1 + rnd.nextInt(Math.min(64, two.length - i));
                n = Math.min(n, two.length - i);
                ch.writeInbound(Unpooled.wrappedBuffer(two, i, n));
                i += n;
            }
            List<Object> out = new ArrayList<>();
            Object o;
            while ((o = ch.readInbound()) != null) {
                out.add(o);
            }
            assertThat(out).as("mode %d, seed %d", mode, SEED).hasSize(2);
            for (Object x : out) {
                assertThat(x).isInstanceOf(DecodeResult.Ok.class);
                assertThat(((DecodeResult.Ok<?>) x).value()).as("mode %d, seed %d", mode, SEED).isEqualTo(expected);
            }
            ch.finishAndReleaseAll();
        }
    }

    static Stream<TortureCase> accepted() {
        return cases().stream().filter(TortureCase::accept);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedMessagesSerializeAndParseBackToTheSameModel(TortureCase c) {
        SipMessage m = ok(bytesFor(c));
        SipMessage again = ok(dev.sotto.codecs.sip.SipSerializer.encode(m));
        assertThat(again.body()).isEqualTo(m.body());
        assertThat(again.headers().fields().stream().filter(f -> !f.canonicalName().equals("Content-Length")))
                .containsExactlyElementsOf(m.headers().fields().stream()
                        .filter(f -> !f.canonicalName().equals("Content-Length")).toList());
        assertThat(again.headers().contentLength().getAsInt()).isEqualTo(m.body().length);
        assertThat(again.headers().via()).isEqualTo(m.headers().via());
        assertThat(again.headers().contacts()).isEqualTo(m.headers().contacts());
    }

    private static byte[] bytesFor(TortureCase c) {
        byte[] b = read(c.file());
        return c.published().equals("content-length-exceeds-body") ? TortureCheck.withActualContentLength(b) : b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static SipMessage ok(byte[] b) {
        DecodeResult<SipMessage> r = SipParser.defaults().parseDatagram(b);
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<SipMessage>) r).value();
    }

    private static SipMessage ok(String file) {
        for (TortureCase c : cases()) {
            if (c.file().equals("sip/" + file)) {
                return ok(bytesFor(c));
            }
        }
        throw new IllegalArgumentException(file);
    }

    private static SipRequest req(String file) {
        return (SipRequest) ok(file);
    }

    private static SipUri sip(Object uri) {
        assertThat(uri).isInstanceOf(SipUri.class);
        return (SipUri) uri;
    }

    // ---- RFC 4475 §3.1.1: the fields each valid message's section describes ----

    @Test
    void wsinvShortTortuousInvite() {
        SipRequest m = req("rfc4475/wsinv.dat");
        SipHeaders h = m.headers();
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(sip(m.requestUri()).hasParam("unknownparam")).isTrue(); // "a uri parameter with no value"
        assertThat(sip(m.requestUri()).param("unknownparam")).isNull();
        assertThat(h.to().tag()).isEqualTo("1918181833n");
        assertThat(h.from().displayName()).isEqualTo("J Rosenberg \\\""); // "escaped characters within quotes"
        assertThat(h.from().tag()).isEqualTo("98asjd8");
        assertThat(h.maxForwards().getAsInt()).isEqualTo(68); // "integer fields ... with leading zeros"
        assertThat(h.cseq().sequenceNumber()).isEqualTo(9);
        assertThat(h.cseq().method()).isEqualTo("INVITE");
        // "both comma separated and separately listed header field values", "a mix of short and long form"
        assertThat(h.via()).extracting(Via::transport).containsExactly("UDP", "TCP", "UDP");
        assertThat(h.via()).extracting(Via::host)
                .containsExactly("192.0.2.2", "spindle.example.com", "192.168.255.111");
        assertThat(h.via()).extracting(Via::branch).containsExactly("390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239");
        assertThat(h.first("Subject")).contains(""); // "an empty subject"
        assertThat(h.first("NewFangledHeader")).contains("newfangled value continued newfangled value");
        assertThat(h.first("UnknownHeaderWithUnusualValue")).contains(";;,,;;,;");
        assertThat(h.routes()).hasSize(1);
        SipUri route = sip(h.routes().get(0).uri());
        assertThat(route.lr()).isTrue();
        assertThat(route.param("unknownwith")).isEqualTo("value");
        assertThat(route.hasParam("unknown-no-value")).isTrue();
        NameAddress contact = h.contacts().get(0);
        assertThat(contact.displayName()).isEqualTo("Quoted string \"\"");
        assertThat(contact.params().get("newparam")).contains("newvalue");
        assertThat(contact.params().has("secondparam")).isTrue(); // "a header parameter with no value"
        assertThat(contact.q()).isEqualTo("0.33");
        assertThat(m.body()).hasSize(150);
    }

    @Test
    void intmethWideRangeOfValidCharacters() {
        SipRequest m = req("rfc4475/intmeth.dat");
        SipHeaders h = m.headers();
        assertThat(m.method()).isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
        SipUri ruri = sip(m.requestUri());
        assertThat(ruri.user()).isEqualTo("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        assertThat(ruri.password()).isEqualTo("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
        assertThat(ruri.host()).isEqualTo("example.com");
        assertThat(h.topVia().branch()).isEqualTo("z9hG4bK-.!%66*_+`'~");
        assertThat(h.to().displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
        assertThat(h.from().displayName()).isEqualTo("token1~` token2'+_ token3*%!.-");
        assertThat(h.from().params().has("fromParam''~+*_!.-%")).isTrue();
        assertThat(h.from().tag()).isEqualTo("_token~1'+`*%!-.");
        assertThat(h.callId()).isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        assertThat(h.cseq().method()).isEqualTo(m.method());
        assertThat(h.first("extensionHeader-!.%*+_`'~")).isPresent();
    }

    @Test
    void esc01EscapesAreEquivalentToTheirCharacters() {
        SipRequest m = req("rfc4475/esc01.dat");
        assertThat(sip(m.requestUri()).decodedUser()).isEqualTo("sips:user@example.com");
        assertThat(sip(m.requestUri()).host()).isEqualTo("example.net");
        assertThat(sip(m.headers().to().uri()).decodedUser()).isEqualTo("user");
        assertThat(sip(m.headers().from().uri()).decodedUser()).isEqualTo("I have spaces");
        SipUri contact = sip(m.headers().contacts().get(0).uri());
        assertThat(contact.decodedUser()).isEqualTo("caller");
        assertThat(contact.lr()).isTrue(); // %6C%72
        assertThat(contact.param("name")).isEqualTo("value%41"); // n%61me=v%61lue%25%34%31
    }

    @Test
    void escnullKeepsTheNullsAndTwoDistinctContacts() {
        SipRequest m = req("rfc4475/escnull.dat");
        assertThat(sip(m.headers().to().uri()).decodedUser()).isEqualTo("null-\u0000-null");
        assertThat(m.headers().contacts()).extracting(c -> sip(c.uri()).decodedUser())
                .containsExactly("\u0000", "\u0000\u0000");
        assertThat(sip(m.headers().contacts().get(0).uri()).equivalentTo(sip(m.headers().contacts().get(1).uri())))
                .isFalse();
    }

    @Test
    void esc02PercentIsNotAnEscapeOutsideUris() {
        SipRequest m = req("rfc4475/esc02.dat");
        assertThat(m.method()).isEqualTo("RE%47IST%45R").isNotEqualTo("REGISTER");
        assertThat(m.headers().to().displayName()).isEqualTo("%Z%45");
        assertThat(m.headers().contacts()).hasSize(2); // "two Contact header field values, not three"
        assertThat(m.headers().first("C%6Fntact")).contains("<sip:alias2@host2.example.com>");
    }

    @Test
    void lwsdispDisplayNameWithoutSpace() {
        SipRequest m = req("rfc4475/lwsdisp.dat");
        assertThat(m.headers().from().displayName()).isEqualTo("caller");
        assertThat(m.headers().from().tag()).isEqualTo("323");
        assertThat(m.violations()).containsExactly(SipViolation.NO_LWS_BEFORE_LAQUOT);
    }

    @Test
    void longreqLongValues() {
        SipRequest m = req("rfc4475/longreq.dat");
        assertThat(m.headers().to().displayName()).startsWith("I have a user name of extreme").endsWith(" proportion");
        assertThat(m.headers().via()).hasSize(34);
        assertThat(m.headers().via().get(33).received()).isEqualTo("192.0.2.5");
        assertThat(m.headers().callId()).startsWith("longreq.onereallyreally");
        assertThat(m.body()).hasSize(150);
    }

    @Test
    void dblreqIgnoresTheTrailingInvite() {
        SipRequest m = req("rfc4475/dblreq.dat");
        assertThat(m.method()).isEqualTo("REGISTER");
        assertThat(m.body()).isEmpty();
    }

    @Test
    void semiuriUserPartHoldsTheSemicolon() {
        SipUri ruri = sip(req("rfc4475/semiuri.dat").requestUri());
        assertThat(ruri.decodedUser()).isEqualTo("user;par=u@example.net");
        assertThat(ruri.host()).isEqualTo("example.com");
        assertThat(ruri.params().isEmpty()).isTrue();
    }

    @Test
    void transportsAllKnownAndAnUnknownOne() {
        assertThat(req("rfc4475/transports.dat").headers().via()).extracting(Via::transport)
                .containsExactly("UDP", "SCTP", "TLS", "UNKNOWN", "TCP");
    }

    @Test
    void mpart01FramesTheBinaryBody() {
        SipRequest m = req("rfc4475/mpart01.dat");
        assertThat(m.body()).hasSize(553);
        assertThat(m.body()).contains((byte) 0);
        assertThat(m.headers().contentType().get().is("multipart", "mixed")).isTrue();
        assertThat(m.headers().topVia().hasRport()).isTrue();
        assertThat(m.headers().topVia().rport()).isEqualTo(-1);
    }

    @Test
    void unreasonAndNoreasonReasonPhrases() {
        SipResponse u = (SipResponse) ok("rfc4475/unreason.dat");
        assertThat(u.statusCode()).isEqualTo(200);
        assertThat(u.reasonPhrase()).startsWith("= 2**3 * 5**2 \u043d\u043e");
        SipResponse n = (SipResponse) ok("rfc4475/noreason.dat");
        assertThat(n.statusCode()).isEqualTo(100);
        assertThat(n.reasonPhrase()).isEmpty();
    }

    // ---- RFC 4475 §3.2-§3.4 ----

    @Test
    void badbranchIsOnlyTheMagicCookie() {
        Via v = req("rfc4475/badbranch.dat").headers().topVia();
        assertThat(v.branch()).isEqualTo("z9hG4bK");
        assertThat(v.hasRfc3261Branch()).isFalse();
    }

    @Test
    void unknownAndAtypicalSchemesParse() {
        assertThat(req("rfc4475/unkscm.dat").requestUri())
                .isEqualTo(new AbsoluteUri("nobodyKnowsThisScheme", "totallyopaquecontent"));
        assertThat(req("rfc4475/novelsc.dat").requestUri().scheme()).isEqualTo("soap.beep");
        SipHeaders h = req("rfc4475/unksm2.dat").headers();
        assertThat(h.to().uri()).isEqualTo(new AbsoluteUri("isbn", "2983792873"));
        assertThat(h.from().uri().scheme()).isEqualTo("http");
        assertThat(h.contacts().get(0).uri()).isEqualTo(new AbsoluteUri("name", "John_Smith"));
    }

    @Test
    void applicationLayerCasesKeepTheirFields() {
        assertThat(req("rfc4475/bext01.dat").headers().values("Require"))
                .containsExactly("nothingSupportsThis, nothingSupportsThisEither");
        assertThat(req("rfc4475/invut.dat").headers().contentType().get().is("application", "unknownformat"))
                .isTrue();
        var auth = req("rfc4475/regaut01.dat").headers().authorization().get(0);
        assertThat(auth.scheme()).isEqualTo("NoOneKnowsThisScheme");
        assertThat(auth.param("opaque-data")).isEqualTo("here");
        assertThat(((SipResponse) ok("rfc4475/bcast.dat")).headers().via().get(1).host())
                .isEqualTo("255.255.255.255");
        assertThat(req("rfc4475/zeromf.dat").headers().maxForwards().getAsInt()).isZero();
        assertThat(req("rfc4475/sdp01.dat").headers().values("Accept")).containsExactly("text/nobodyKnowsThis");
    }

    @Test
    void cparamContactParameterVersusUrlParameter() {
        NameAddress c1 = req("rfc4475/cparam01.dat").headers().contacts().get(0);
        assertThat(c1.params().has("unknownparam")).isTrue(); // a contact-param, not a url-param
        assertThat(sip(c1.uri()).params().isEmpty()).isTrue();
        NameAddress c2 = req("rfc4475/cparam02.dat").headers().contacts().get(0);
        assertThat(sip(c2.uri()).hasParam("unknownparam")).isTrue(); // a url-parameter
        assertThat(c2.params().isEmpty()).isTrue();
    }

    @Test
    void regescrtKeepsTheEscapedRouteHeaderInTheContactUri() {
        SipUri u = sip(req("rfc4475/regescrt.dat").headers().contacts().get(0).uri());
        assertThat(u.headers()).hasSize(1);
        assertThat(u.headers().get(0).name()).isEqualTo("Route");
        assertThat(u.headers().get(0).value()).isEqualTo("%3Csip:sip.example.com%3E");
    }

    @Test
    void inv2543Rfc2543Syntax() {
        SipRequest m = req("rfc4475/inv2543.dat");
        assertThat(m.headers().topVia().branch()).isNull(); // "no branch parameter at all"
        assertThat(m.headers().from().tag()).isNull(); // "no From tag"
        assertThat(m.headers().contentLength()).isEmpty(); // "no explicit Content-Length"
        assertThat(m.headers().maxForwards()).isEmpty(); // "no Max-Forwards header field"
        assertThat(m.body()).isNotEmpty(); // the body runs to the end of the datagram
    }

    // ---- RFC 5118 §4 ----

    @Test
    void ipv6ReferencesInUrisAndVia() {
        SipRequest good = req("rfc5118/ipv6-good");
        assertThat(sip(good.requestUri()).host()).isEqualTo("[2001:db8::10]");
        assertThat(good.headers().topVia().host()).isEqualTo("[2001:db8::9:1]");
        assertThat(sip(good.headers().contacts().get(0).uri()).host()).isEqualTo("[2001:db8::1]");
        SipUri ambiguous = sip(req("rfc5118/port-ambiguous").requestUri());
        assertThat(ambiguous.host()).isEqualTo("[2001:db8::10:5070]");
        assertThat(ambiguous.port()).isEqualTo(-1);
        SipUri unambiguous = sip(req("rfc5118/port-unambiguous").requestUri());
        assertThat(unambiguous.host()).isEqualTo("[2001:db8::10]");
        assertThat(unambiguous.port()).isEqualTo(5070);
    }

    @Test
    void viaReceivedWithAndWithoutBrackets() {
        assertThat(req("rfc5118/via-received-param-with-delim").headers().topVia().received())
                .isEqualTo("2001:db8::9:255");
        assertThat(req("rfc5118/via-received-param-no-delim").headers().topVia().received())
                .isEqualTo("2001:db8::9:255");
    }

    @Test
    void multipleIpAddressesInHeaders() {
        List<Via> vias = req("rfc5118/mult-ip-in-header").headers().via();
        assertThat(vias).extracting(Via::host).containsExactly("[2001:db8::9:1]", "192.0.2.1", "[2001:db8::9:255]");
        assertThat(vias.get(0).port()).isEqualTo(6050);
        assertThat(vias.get(2).transport()).isEqualTo("TCP");
        assertThat(vias.get(2).received()).isEqualTo("192.0.2.200");
    }

    private static SessionDescription sdp(SipMessage m) {
        DecodeResult<SessionDescription> r = SdpParser.defaults().parse(m.body());
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<SessionDescription>) r).value();
    }

    @Test
    void ipv6AddressesInSdpHaveNoBrackets() {
        SessionDescription d = sdp(ok("rfc5118/ipv6-in-sdp"));
        assertThat(d.origin().addrType()).isEqualTo("IP6");
        assertThat(d.origin().address()).isEqualTo("2001:db8::20");
        assertThat(d.connection().addrType()).isEqualTo("IP6");
        assertThat(d.connection().address()).isEqualTo("2001:db8::20");
        assertThat(d.media()).extracting(MediaDescription::media).containsExactly("audio", "video");
        assertThat(d.media().get(1).rtpmap(107).get().encodingName()).isEqualTo("H263-1998");
    }

    @Test
    void multipleIpAddressesInSdp() {
        SessionDescription d = sdp(ok("rfc5118/mult-ip-in-sdp"));
        assertThat(d.connection()).isNull();
        assertThat(d.connection(d.media().get(0)).address()).isEqualTo("192.0.2.1");
        assertThat(d.connection(d.media().get(1)).addrType()).isEqualTo("IP6");
        assertThat(d.connection(d.media().get(1)).address()).isEqualTo("2001:db8::1");
    }

    @Test
    void ipv4MappedIpv6() {
        SipRequest m = req("rfc5118/ipv4-mapped-ipv6");
        assertThat(m.headers().topVia().host()).isEqualTo("[::ffff:192.0.2.10]");
        assertThat(m.headers().topVia().port()).isEqualTo(19823);
        assertThat(sip(m.headers().contacts().get(0).uri()).host()).isEqualTo("[::ffff:192.0.2.2]");
        assertThat(sdp(m).connection().address()).isEqualTo("::ffff:192.0.2.2");
    }

    @Test
    void ipv6AbnfBugIsToleratedAndTheCorrectFormIsClean() {
        SipRequest bug = req("rfc5118/ipv6-bug-abnf-3-colons");
        assertThat(sip(bug.requestUri()).host()).isEqualTo("[2001:db8:::192.0.2.1]");
        assertThat(bug.violations()).contains(SipViolation.IPV6_EXTRA_COLON);
        SipRequest correct = req("rfc5118/ipv6-correct-abnf-2-colons");
        assertThat(sip(correct.requestUri()).host()).isEqualTo("[2001:db8::192.0.2.1]");
        assertThat(correct.violations()).doesNotContain(SipViolation.IPV6_EXTRA_COLON);
    }
}
