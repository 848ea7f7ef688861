package dev.sotto.vectors.rtp;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.rtp.RtpDecoder;
import dev.sotto.codecs.rtp.RtpLimits;
import dev.sotto.codecs.rtp.RtpPacket;
import dev.sotto.vectors.spi.Accepted;
import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import io.netty.buffer.Unpooled;
import java.util.List;

/** {@code sotto-vectors parse rtp FILE|-}: one RTP datagram (RFC 3550 §5.1, RFC 8285). */
public final class RtpCodecTool implements CodecTool {

    @Override
    public String name() {
        return "rtp";
    }

    @Override
    public ParseOutcome parse(byte[] input, boolean stream) {
        if (stream) {
            // RTP over TCP framing (RFC 4571) is not implemented: a datagram is the unit here.
            return new Rejected("stream-framing-not-supported", 0);
        }
        DecodeResult<RtpPacket> r = new RtpDecoder(RtpLimits.DEFAULT).decode(Unpooled.wrappedBuffer(input));
        if (r instanceof DecodeResult.Ok<RtpPacket> ok) {
            return new Accepted(RtpJson.rtp(ok.value()), List.of());
        }
        if (r instanceof DecodeResult.Malformed<RtpPacket> m) {
            return new Rejected(m.condition(), m.offset());
        }
        return new Rejected("incomplete", input.length);
    }
}
