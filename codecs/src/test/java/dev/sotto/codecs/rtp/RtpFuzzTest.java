package dev.sotto.codecs.rtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.Unpooled;

/** Any datagram → an RTP value, never an exception; an accepted packet's parts add up to the datagram. */
class RtpFuzzTest {

    private final RtpDecoder decoder = new RtpDecoder(RtpLimits.DEFAULT);

    @FuzzTest(maxDuration = "10s")
    void rtpDatagram(FuzzedDataProvider data) {
        byte[] datagram = data.consumeRemainingAsBytes();
        DecodeResult<RtpPacket> r = decoder.decode(Unpooled.wrappedBuffer(datagram));
        if (r instanceof DecodeResult.Ok<RtpPacket> ok) {
            RtpPacket p = ok.value();
            if (p.payloadOffset() + p.payloadLength() + p.paddingLength() != datagram.length || p.payloadLength() < 0) {
                throw new IllegalStateException("RTP parts do not add up to the datagram");
            }
        } else if (r instanceof DecodeResult.NeedMore) {
            throw new IllegalStateException("a datagram is complete: NeedMore is never right");
        }
    }
}
