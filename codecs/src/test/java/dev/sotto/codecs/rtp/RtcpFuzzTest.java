package dev.sotto.codecs.rtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.Unpooled;

/** Any datagram → an RTCP compound value, never an exception. */
class RtcpFuzzTest {

    private final RtcpDecoder decoder = new RtcpDecoder(RtpLimits.DEFAULT);

    @FuzzTest(maxDuration = "10s")
    void rtcpDatagram(FuzzedDataProvider data) {
        byte[] datagram = data.consumeRemainingAsBytes();
        DecodeResult<RtcpCompoundPacket> r = decoder.decode(Unpooled.wrappedBuffer(datagram));
        if (r instanceof DecodeResult.Ok<RtcpCompoundPacket> ok) {
            if (ok.consumed() != datagram.length || ok.value().packets().isEmpty()) {
                throw new IllegalStateException("an accepted compound packet covers the whole datagram");
            }
        } else if (r instanceof DecodeResult.NeedMore) {
            throw new IllegalStateException("a datagram is complete: NeedMore is never right");
        }
    }
}
