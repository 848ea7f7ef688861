package dev.sotto.vectors.sip;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.sdp.SdpParser;
import dev.sotto.codecs.sdp.SessionDescription;
import dev.sotto.vectors.spi.Accepted;
import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import java.util.List;

/** {@code sotto-vectors parse sdp}: one session description (RFC 8866); framing does not apply. */
public final class SdpCodecTool implements CodecTool {

    @Override
    public String name() {
        return "sdp";
    }

    @Override
    public ParseOutcome parse(byte[] input, boolean stream) {
        DecodeResult<SessionDescription> r = SdpParser.defaults().parse(input);
        if (r instanceof DecodeResult.Ok<SessionDescription> ok) {
            return new Accepted(SdpJson.session(ok.value()), List.of());
        }
        DecodeResult.Malformed<SessionDescription> m = (DecodeResult.Malformed<SessionDescription>) r;
        return new Rejected(m.condition(), m.offset());
    }
}
