package dev.sotto.vectors.rtp;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.rtp.RtcpCompoundPacket;
import dev.sotto.codecs.rtp.RtcpDecoder;
import dev.sotto.codecs.rtp.RtpLimits;
import dev.sotto.vectors.spi.Accepted;
import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import io.netty.buffer.Unpooled;
import java.util.List;

/** {@code sotto-vectors parse rtcp FILE|-}: one compound RTCP datagram (RFC 3550 §6, Appendix A.2 checks). */
public final class RtcpCodecTool implements CodecTool {

    @Override
    public String name() {
        return "rtcp";
    }

    @Override
    public ParseOutcome parse(byte[] input, boolean stream) {
        if (stream) {
            return new Rejected("stream-framing-not-supported", 0);
        }
        DecodeResult<RtcpCompoundPacket> r = new RtcpDecoder(RtpLimits.DEFAULT).decode(Unpooled.wrappedBuffer(input));
        if (r instanceof DecodeResult.Ok<RtcpCompoundPacket> ok) {
            return new Accepted(RtpJson.rtcp(ok.value()), List.of());
        }
        if (r instanceof DecodeResult.Malformed<RtcpCompoundPacket> m) {
            return new Rejected(m.condition(), m.offset());
        }
        return new Rejected("incomplete", input.length);
    }
}
