package dev.sotto.codecs.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sotto.codecs.DecodeResult;

/**
 * Arbitrary bytes into the SDP parser: nothing may be thrown (typed views included), and an accepted description
 * serializes to text that parses back to an equal description. Seeds: the SDP bodies of the torture messages and
 * the RFC 8866, RFC 4568 and RFC 6189 examples.
 */
class SdpFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void sdp(byte[] data) {
        DecodeResult<SessionDescription> r = SdpParser.defaults().parse(data);
        if (r instanceof DecodeResult.Ok<SessionDescription> ok) {
            SessionDescription d = ok.value();
            for (MediaDescription m : d.media()) {
                m.rtpmaps();
                m.fmtps();
                m.ptime();
                m.rtcp();
                m.cryptos();
                m.zrtpHashes();
                d.direction(m);
            }
            String text = SdpSerializer.encode(d);
            DecodeResult<SessionDescription> again = SdpParser.defaults().parse(text);
            if (!(again instanceof DecodeResult.Ok<SessionDescription> ok2) || !ok2.value().equals(d)) {
                throw new AssertionError("round trip changed the description: " + again);
            }
        }
    }
}
