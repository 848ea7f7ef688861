package dev.sotto.codecs.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SDP syntax (RFC 8866), SDES a=crypto (RFC 4568) and a=zrtp-hash (RFC 6189 §8.1), with the RFCs' examples. */
class SdpParserTest {

    // RFC 8866 §5, the example SDP description
    static final String RFC8866_EXAMPLE = "v=0\r\n"
            + "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r\n"
            + "s=Call to John Smith\r\n"
            + "i=SDP Offer #1\r\n"
            + "u=http://www.jdoe.example.com/home.html\r\n"
            + "e=Jane Doe <jane@jdoe.example.com>\r\n"
            + "p=+1 617 555-6011\r\n"
            + "c=IN IP4 198.51.100.1\r\n"
            + "t=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0\r\n"
            + "m=audio 49180 RTP/AVP 0\r\n"
            + "m=video 51372 RTP/AVP 99\r\n"
            + "c=IN IP6 2001:db8::2\r\n"
            + "a=rtpmap:99 h263-1998/90000\r\n";

    // RFC 4568 §8.1, the offer (folded lines joined as the RFC says they are one line each)
    static final String RFC4568_OFFER = "v=0\r\n"
            + "o=sam 2890844526 2890842807 IN IP4 10.47.16.5\r\n"
            + "s=SRTP Discussion\r\n"
            + "i=A discussion of Secure RTP\r\n"
            + "u=http://www.example.com/seminars/srtp.pdf\r\n"
            + "e=marge@example.com (Marge Simpson)\r\n"
            + "c=IN IP4 168.2.17.12\r\n"
            + "t=2873397496 2873404696\r\n"
            + "m=audio 49170 RTP/SAVP 0\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4"
            + " FEC_ORDER=FEC_SRTP\r\n"
            + "a=crypto:2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;"
            + "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 FEC_ORDER=FEC_SRTP\r\n";

    // RFC 6189 §8.1, the example (the <allOneLine> hash joined)
    static final String RFC6189_EXAMPLE = "v=0\r\n"
            + "o=bob 2890844527 2890844527 IN IP4 client.biloxi.example.com\r\n"
            + "s=\r\n"
            + "c=IN IP4 client.biloxi.example.com\r\n"
            + "t=0 0\r\n"
            + "m=audio 3456 RTP/AVP 97 33\r\n"
            + "a=rtpmap:97 iLBC/8000\r\n"
            + "a=rtpmap:33 no-op/8000\r\n"
            + "a=zrtp-hash:1.10 fe30efd02423cb054e50efd0248742ac7a52c8f91bc2df881ae642c371ba46df\r\n";

    static SessionDescription ok(String s) {
        DecodeResult<SessionDescription> r = SdpParser.defaults().parse(s);
        assertThat(r).as(String.valueOf(r)).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<SessionDescription>) r).value();
    }

    static String condition(String s) {
        DecodeResult<SessionDescription> r = SdpParser.defaults().parse(s);
        assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
        return ((DecodeResult.Malformed<SessionDescription>) r).condition();
    }

    @Test
    void rfc8866Example() {
        SessionDescription d = ok(RFC8866_EXAMPLE);
        assertThat(d.origin()).isEqualTo(new Origin("jdoe", "3724394400", "3724394405", "IN", "IP4",
                "198.51.100.1"));
        assertThat(d.sessionName()).isEqualTo("Call to John Smith");
        assertThat(d.information()).isEqualTo("SDP Offer #1");
        assertThat(d.emails()).containsExactly("Jane Doe <jane@jdoe.example.com>");
        assertThat(d.phones()).containsExactly("+1 617 555-6011");
        assertThat(d.timings()).containsExactly(Timing.PERMANENT);
        assertThat(d.media()).extracting(MediaDescription::port).containsExactly(49170, 49180, 51372);
        MediaDescription video = d.media().get(2);
        assertThat(d.connection(video)).isEqualTo(new Connection("IN", "IP6", "2001:db8::2"));
        assertThat(d.connection(d.media().get(0)).address()).isEqualTo("198.51.100.1");
        assertThat(video.rtpmap(99)).contains(new Rtpmap(99, "h263-1998", 90000, null));
        assertThat(d.direction(video)).isEqualTo(MediaDirection.SENDRECV);
    }

    @Test
    void rfc4568CryptoAttributes() {
        SessionDescription d = ok(RFC4568_OFFER);
        List<Crypto> cs = d.media().get(0).cryptos();
        assertThat(cs).hasSize(2);
        Crypto c1 = cs.get(0);
        assertThat(c1.tag()).isEqualTo(1);
        assertThat(c1.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        CryptoKeyParam k = c1.keyParams().get(0);
        assertThat(k.method()).isEqualTo("inline");
        assertThat(k.lifetime()).isEqualTo("2^20");
        assertThat(k.mkiValue()).isEqualTo(1);
        assertThat(k.mkiLength()).isEqualTo(4);
        assertThat(k.keySalt()).hasSize(30); // 40 base64 characters: 16-byte key + 14-byte salt (RFC 4568 §6.1)
        assertThat(c1.sessionParams()).containsExactly("FEC_ORDER=FEC_SRTP");
        Crypto c2 = cs.get(1);
        assertThat(c2.keyParams()).extracting(CryptoKeyParam::mkiValue).containsExactly(1L, 2L);
        assertThat(c1.toString()).doesNotContain("WVNfX19zZW1jdGwg");
        assertThat(k.toString()).doesNotContain("WVNfX19zZW1jdGwg");
        assertThat(d.media().get(0).attributes().get(0).toString()).doesNotContain("WVNfX19zZW1jdGwg");
        assertThat(d.toString()).doesNotContain("WVNfX19zZW1jdGwg");
    }

    @Test
    void rfc4568SimpleFormAndWhitespaceRuns() {
        Crypto c = Crypto.parse("1 AES_CM_128_HMAC_SHA1_80  inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32");
        assertThat(c).isNotNull();
        assertThat(c.keyParams().get(0).mkiLength()).isEqualTo(32);
        assertThat(Crypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:PS1u!QCVe|2^20")).isNull(); // not base64
        assertThat(Crypto.parse("1234567890 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"))
                .isNull(); // tag = 1*9DIGIT
        assertThat(Crypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:200"))
                .isNull(); // MKI length 1..128
    }

    @Test
    void rfc6189ZrtpHash() {
        SessionDescription d = ok(RFC6189_EXAMPLE);
        assertThat(d.sessionName()).isEmpty();
        MediaDescription m = d.media().get(0);
        assertThat(m.formats()).containsExactly("97", "33");
        assertThat(m.rtpmap(33).get().encodingName()).isEqualTo("no-op");
        ZrtpHash h = m.zrtpHashes().get(0);
        assertThat(h.version()).isEqualTo("1.10");
        assertThat(h.hashHex()).isEqualTo("fe30efd02423cb054e50efd0248742ac7a52c8f91bc2df881ae642c371ba46df");
        assertThat(h.hash()).hasSize(32);
    }

    @Test
    void typedMediaAttributes() {
        String s = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\na=sendonly\r\n"
                + "m=audio 5004 RTP/SAVP 111 101\r\nb=AS:64\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\na=ptime:20\r\na=rtcp:5005 IN IP4 192.0.2.1\r\na=rtcp-mux\r\na=recvonly\r\n"
                + "a=x-unknown:keep me\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n";
        SessionDescription d = ok(s);
        MediaDescription a = d.media().get(0);
        assertThat(a.rtpmap(111)).contains(new Rtpmap(111, "opus", 48000, "2"));
        assertThat(a.fmtp("111").get().parameterMap()).isEqualTo(Map.of("minptime", "10", "useinbandfec", "1"));
        assertThat(a.ptime().getAsDouble()).isEqualTo(20.0);
        assertThat(a.rtcp().get()).isEqualTo(new RtcpAttribute(5005, new Connection("IN", "IP4", "192.0.2.1")));
        assertThat(a.rtcpMux()).isTrue();
        assertThat(a.bandwidths()).containsExactly(new Bandwidth("AS", 64));
        assertThat(d.direction(a)).isEqualTo(MediaDirection.RECVONLY);
        assertThat(d.direction(d.media().get(1))).isEqualTo(MediaDirection.SENDONLY); // session-level
        assertThat(a.attribute("x-unknown").get().value()).isEqualTo("keep me");
        assertThat(SdpParser.defaults().parse(SdpSerializer.encode(d))).isEqualTo(DecodeResult.ok(d,
                SdpSerializer.encode(d).length()));
    }

    @Test
    void lfLineEndsAreAccepted() {
        assertThat(ok(RFC8866_EXAMPLE.replace("\r\n", "\n"))).isEqualTo(ok(RFC8866_EXAMPLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "o=a 1 1 IN IP4 h\r\nv=0\r\ns=x\r\nt=0 0\r\n", // v= first
        "v=1\r\no=a 1 1 IN IP4 h\r\ns=x\r\nt=0 0\r\n", // version 0 only
        "v=0\r\ns=x\r\no=a 1 1 IN IP4 h\r\nt=0 0\r\n", // order
        "v=0\r\no=a 1 1 IN IP4 h\r\ns=x\r\n", // no t=
        "v=0\r\no=a 1 1 IN IP4 h\r\ns=x\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\n", // no c= anywhere
        "v=0\r\no=a 1 1 IN IP4 h\r\ns=x\r\nc=IN IP4 h\r\nt=0 0\r\nx=unknown\r\n", // unknown type
        "v=0\r\no=a 1 1 IN IP4\r\ns=x\r\nt=0 0\r\n", // short origin
        "v=0\r\no=a 1 1 IN IP4 h\r\ns=x\r\nc=IN IP4 h\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n", // port
        "v=0\r\no=a 1 1 IN IP4 h\r\ns=x\r\nc=IN IP4 h\r\nt=0 0\r\n\r\na=x\r\n", // empty line
        "v=0\r\no=a 1 1 IN IP4 h\r\ns=x\r\ns=y\r\nc=IN IP4 h\r\nt=0 0\r\n", // repeated s=
    })
    void malformedDescriptionsAreRejected(String s) {
        assertThat(SdpParser.defaults().parse(s)).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void limits() {
        SdpParser p = new SdpParser(new SdpLimits(1024, 8, 1, 64));
        assertThat(condition2(p, RFC8866_EXAMPLE)).isEqualTo("too-many-lines");
        assertThat(condition2(new SdpParser(new SdpLimits(1024, 64, 4, 64)), RFC6189_EXAMPLE))
                .isEqualTo("line-too-long");
        assertThat(condition2(p, RFC8866_EXAMPLE.substring(0, 100) + "x".repeat(1000))).isEqualTo("too-large");
    }

    private static String condition2(SdpParser p, String s) {
        DecodeResult<SessionDescription> r = p.parse(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
        return ((DecodeResult.Malformed<SessionDescription>) r).condition();
    }
}
