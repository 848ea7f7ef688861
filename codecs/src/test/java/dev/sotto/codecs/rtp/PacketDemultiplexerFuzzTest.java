package dev.sotto.codecs.rtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;

/**
 * Any datagram → one kind, never an exception; and whatever it calls RTP or RTCP goes to a decoder that
 * must not throw either.
 */
class PacketDemultiplexerFuzzTest {

    private final RtpDecoder rtp = new RtpDecoder(RtpLimits.DEFAULT);
    private final RtcpDecoder rtcp = new RtcpDecoder(RtpLimits.DEFAULT);

    @FuzzTest(maxDuration = "10s")
    void datagram(FuzzedDataProvider data) {
        byte[] datagram = data.consumeRemainingAsBytes();
        PacketKind kind = PacketDemultiplexer.classify(Unpooled.wrappedBuffer(datagram));
        switch (kind) {
            case RTP -> rtp.decode(Unpooled.wrappedBuffer(datagram));
            case RTCP -> rtcp.decode(Unpooled.wrappedBuffer(datagram));
            default -> {
                // ZRTP and STUN decoders belong to other issues.
            }
        }
    }
}
