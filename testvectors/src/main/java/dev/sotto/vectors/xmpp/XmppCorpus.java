package dev.sotto.vectors.xmpp;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.codecs.xmpp.StreamElement;
import dev.sotto.codecs.xmpp.StreamEvent;
import dev.sotto.codecs.xmpp.StreamOpen;
import dev.sotto.codecs.xmpp.XmppStreamDecoder;
import java.util.ArrayList;
import java.util.List;

/** Decodes a whole stream with Sotto's decoder, fed in chunks of a given size. */
public final class XmppCorpus {

    /** Path of the differential corpus under the vectors root. */
    public static final String CORPUS = "xmpp/corpus.xml";

    /** The decoded header, first-level elements and whether the stream was closed; or the refusal. */
    public record Decoded(StreamOpen open, List<XmlElement> elements, boolean closed, String refusal) {}

    private XmppCorpus() {}

    public static Decoded decode(byte[] stream, int chunk) {
        XmppStreamDecoder d = new XmppStreamDecoder();
        StreamOpen open = null;
        List<XmlElement> elements = new ArrayList<>();
        boolean closed = false;
        for (int at = 0; at < stream.length; at += chunk) {
            int end = Math.min(stream.length, at + chunk);
            int pos = at;
            while (pos < end) {
                DecodeResult<StreamEvent> r = d.decode(stream, pos, end - pos);
                if (r instanceof DecodeResult.Ok<StreamEvent> ok) {
                    pos += ok.consumed();
                    StreamEvent e = ok.value();
                    if (e instanceof StreamOpen o) {
                        open = o;
                    } else if (e instanceof StreamElement el) {
                        elements.add(el.element());
                    } else {
                        closed = true;
                    }
                } else if (r instanceof DecodeResult.Malformed<StreamEvent> m) {
                    return new Decoded(open, elements, closed, m.condition() + "@" + m.offset());
                } else {
                    break;
                }
            }
        }
        return new Decoded(open, elements, closed, null);
    }
}
