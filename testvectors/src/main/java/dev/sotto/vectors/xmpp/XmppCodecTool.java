package dev.sotto.vectors.xmpp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.xmpp.StreamEvent;
import dev.sotto.codecs.xmpp.XmppStreamDecoder;
import dev.sotto.vectors.spi.Accepted;
import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code sotto-vectors parse xmpp FILE|-}: an XMPP stream (from its XML declaration or stream header on), or
 * one or more bare first-level elements, which are then read as if inside a {@code jabber:client} stream. XMPP
 * runs over TCP only, so {@code --stream} changes nothing. Prints {@code {"events":[...]}}, or the RFC 6120
 * §4.9.3 stream error condition and its offset in the input. Input that ends inside an element is rejected as
 * {@code incomplete}.
 */
public final class XmppCodecTool implements CodecTool {
    private static final byte[] SYNTHETIC_HEADER = ("<stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams'>").getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "xmpp";
    }

    @Override
    public ParseOutcome parse(byte[] input, boolean stream) {
        boolean bare = !startsLikeAStream(input);
        XmppStreamDecoder d = new XmppStreamDecoder();
        long shift = 0;
        if (bare) {
            if (!(d.decode(SYNTHETIC_HEADER, 0, SYNTHETIC_HEADER.length) instanceof DecodeResult.Ok)) {
                throw new IllegalStateException("synthetic header refused");
            }
            shift = SYNTHETIC_HEADER.length;
        }
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        int pos = 0;
        while (pos < input.length) {
            DecodeResult<StreamEvent> r = d.decode(input, pos, input.length - pos);
            if (r instanceof DecodeResult.Ok<StreamEvent> ok) {
                events.add(XmppJson.event(ok.value()));
                pos += ok.consumed();
            } else if (r instanceof DecodeResult.Malformed<StreamEvent> m) {
                return new Rejected(m.condition(), Math.max(0, m.offset() - shift));
            } else {
                break;
            }
        }
        if (!d.atElementBoundary()) {
            return new Rejected("incomplete", input.length);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("stanzaMode", bare);
        out.set("events", events);
        return new Accepted(out, List.of());
    }

    /** Whitespace, then {@code <?xml} or a start tag named {@code stream} or {@code something:stream}. */
    static boolean startsLikeAStream(byte[] in) {
        int i = 0;
        while (i < in.length && (in[i] == ' ' || in[i] == '\t' || in[i] == '\r' || in[i] == '\n')) {
            i++;
        }
        if (i >= in.length || in[i] != '<') {
            return true; // not XML at all: let the stream rules refuse it
        }
        int end = i + 1;
        while (end < in.length && end < i + 1100 && in[end] != ' ' && in[end] != '>' && in[end] != '/'
                && in[end] != '\t' && in[end] != '\r' && in[end] != '\n') {
            end++;
        }
        String tag = new String(in, i + 1, end - i - 1, StandardCharsets.UTF_8);
        return tag.startsWith("?") || tag.startsWith("!") || tag.equals("stream") || tag.endsWith(":stream");
    }
}
