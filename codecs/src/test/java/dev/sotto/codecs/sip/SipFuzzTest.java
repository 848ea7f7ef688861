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
