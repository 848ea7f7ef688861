package dev.sotto.vectors.zrtp;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.zrtp.HelloMessage;
import dev.sotto.codecs.zrtp.ZrtpDecoder;
import dev.sotto.codecs.zrtp.ZrtpLimits;
import dev.sotto.codecs.zrtp.ZrtpPacket;
import dev.sotto.vectors.spi.Accepted;
import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import dev.sotto.vectors.spi.Violation;
import java.util.ArrayList;
import java.util.List;

/** {@code sotto-vectors parse zrtp FILE|-}: one ZRTP datagram (RFC 6189 §5). */
public final class ZrtpCodecTool implements CodecTool {

    @Override
    public String name() {
        return "zrtp";
    }

    @Override
    public ParseOutcome parse(byte[] input, boolean stream) {
        if (stream) {
            // ZRTP rides on the RTP port; it has no stream framing of its own.
            return new Rejected("stream-framing-not-supported", 0);
        }
        DecodeResult<ZrtpPacket> r = new ZrtpDecoder(ZrtpLimits.DEFAULT).decode(input);
        if (r instanceof DecodeResult.Ok<ZrtpPacket> ok) {
            List<Violation> violations = new ArrayList<>();
            // RFC 6189 §5: the 12 unused header bits are set to zero and MUST be ignored when received.
            if ((input[0] & 0x0F) != 0 || input[1] != 0) {
                violations.add(new Violation("unused-header-bits-set", 0));
            }
            if (ok.value().message() instanceof HelloMessage h && !HelloMessage.VERSION_1_10.equals(h.version())) {
                violations.add(new Violation("version-not-1.10", 24));
            }
            return new Accepted(ZrtpJson.packet(ok.value()), violations);
        }
        if (r instanceof DecodeResult.Malformed<ZrtpPacket> m) {
            return new Rejected(m.condition(), m.offset());
        }
        return new Rejected("incomplete", input.length);
    }
}
