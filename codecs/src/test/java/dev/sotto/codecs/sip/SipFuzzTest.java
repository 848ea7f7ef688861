package dev.sotto.codecs.sip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary bytes into the SIP parser (datagram and stream) and the Netty stream decoder: nothing may be thrown,
 * and every accepted message must serialize to bytes that parse back to the same start line, headers (Content-Length
 * aside: the serializer computes it) and body. The seed corpus is the RFC 4475 and RFC 5118 torture messages.
 */
class SipFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void sipDatagram(byte[] data) {
        DecodeResult<SipMessage> r = SipParser.defaults().parseDatagram(data);
        SipParser.defaults().parseStream(data, 0, data.length);
        if (r instanceof DecodeResult.Ok<SipMessage> ok) {
            SipMessage m = ok.value();
            readEveryGetter(m.headers());
            DecodeResult<SipMessage> again = SipParser.defaults().parseDatagram(SipSerializer.encode(m));
            if (!(again instanceof DecodeResult.Ok<SipMessage> ok2)) {
                throw new AssertionError("serialized message does not parse: " + again);
            }
            if (!sameExceptContentLength(m, ok2.value())) {
                throw new AssertionError("round trip changed the message");
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void sipStream(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int chunk = 1 + (data[0] & 0x3f);
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(new SipLimits(4096, 64, 1024)));
        for (int at = 1; at < data.length; at += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(data, at, Math.min(chunk, data.length - at)));
        }
        Object o;
        while ((o = ch.readInbound()) != null) {
            if (!(o instanceof DecodeResult.Ok<?> || o instanceof DecodeResult.Malformed<?>)) {
                throw new AssertionError("unexpected output " + o.getClass());
            }
        }
        ch.finishAndReleaseAll();
    }

    /** Every typed getter of an accepted message answers (a value or an empty result), none throws. */
    static void readEveryGetter(SipHeaders h) {
        for (Via v : h.via()) {
            v.branch();
            v.received();
            v.maddr();
            if (v.hasRport()) {
                v.rport();
            }
            v.hasRfc3261Branch();
        }
        for (NameAddress a : new NameAddress[] {h.from(), h.to()}) {
            if (a != null) {
                a.tag();
                a.expires();
            }
        }
        for (List<NameAddress> l : List.of(h.contacts(), h.routes(), h.recordRoutes())) {
            for (NameAddress a : l) {
                a.expires();
                a.q();
                a.tag();
            }
        }
        for (List<AuthValue> l : List.of(h.authorization(), h.proxyAuthorization(), h.wwwAuthenticate(),
                h.proxyAuthenticate())) {
            for (AuthValue a : l) {
                for (String n : new String[] {"username", "realm", "nonce", "uri", "response", "opaque", "qop",
                        "algorithm", "stale", "cnonce", "nc"}) {
                    a.param(n);
                }
            }
        }
        h.maxForwards();
        h.contentLength();
        h.contentType();
        h.expires();
        h.callId();
        h.cseq();
        for (String n : new String[] {"Allow", "Supported", "User-Agent", "k", "Subject", "X-Unknown", "via"}) {
            h.values(n);
            h.first(n);
        }
        for (HeaderField f : h.fields()) {
            h.values(f.name());
        }
    }

    static boolean sameExceptContentLength(SipMessage a, SipMessage b) {
        if (!java.util.Arrays.equals(a.body(), b.body()) || a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof SipRequest ra) {
            SipRequest rb = (SipRequest) b;
            if (!ra.method().equals(rb.method()) || !ra.requestUri().equals(rb.requestUri())) {
                return false;
            }
        } else {
            SipResponse ra = (SipResponse) a;
            SipResponse rb = (SipResponse) b;
            if (ra.statusCode() != rb.statusCode() || !ra.reasonPhrase().equals(rb.reasonPhrase())) {
                return false;
            }
        }
        return withoutContentLength(a).equals(withoutContentLength(b));
    }

    private static List<HeaderField> withoutContentLength(SipMessage m) {
        List<HeaderField> out = new ArrayList<>();
        for (HeaderField f : m.headers().fields()) {
            if (f.canonicalName() != HeaderNames.CONTENT_LENGTH) {
                out.add(f);
            }
        }
        return out;
    }
}
