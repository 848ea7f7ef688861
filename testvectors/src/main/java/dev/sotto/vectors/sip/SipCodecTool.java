package dev.sotto.vectors.sip;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.sip.SipMessage;
import dev.sotto.codecs.sip.SipParser;
import dev.sotto.codecs.sip.SipViolation;
import dev.sotto.vectors.spi.Accepted;
import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import dev.sotto.vectors.spi.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sotto-vectors parse sip}: one datagram (RFC 3261 §18.3), or with {@code --stream} the first message
 * of a TCP/TLS byte stream (Content-Length framing). Incomplete stream input is rejected as "incomplete".
 */
public final class SipCodecTool implements CodecTool {

    @Override
    public String name() {
        return "sip";
    }

    @Override
    public ParseOutcome parse(byte[] input, boolean stream) {
        DecodeResult<SipMessage> r = stream
                ? SipParser.defaults().parseStream(input, 0, input.length)
                : SipParser.defaults().parseDatagram(input);
        if (r instanceof DecodeResult.Ok<SipMessage> ok) {
            List<Violation> vs = new ArrayList<>();
            for (SipViolation v : ok.value().violations()) {
                vs.add(new Violation(v.name().toLowerCase().replace('_', '-'), 0));
            }
            return new Accepted(SipJson.message(ok.value()), vs);
        }
        if (r instanceof DecodeResult.Malformed<SipMessage> m) {
            return new Rejected(m.condition(), m.offset());
        }
        return new Rejected("incomplete", input.length);
    }
}
