package dev.sotto.codecs.sip;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes SIP messages (RFC 3261 §7): start line, the header fields in order as they are held, one
 * Content-Length computed from the body (any held Content-Length is replaced: §20.14, §18.3), empty line,
 * body.
 */
public final class SipSerializer {

    private SipSerializer() {
    }

    public static byte[] encode(SipMessage m) {
        StringBuilder b = new StringBuilder(512);
        head(m, b);
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = m.body();
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    public static void encode(SipMessage m, ByteBuf out) {
        StringBuilder b = new StringBuilder(512);
        head(m, b);
        out.writeCharSequence(b, StandardCharsets.UTF_8);
        out.writeBytes(m.body());
    }

    private static void head(SipMessage m, StringBuilder b) {
        if (m instanceof SipRequest r) {
            b.append(r.method()).append(' ').append(r.requestUri().encode()).append(' ').append(r.version());
        } else {
            SipResponse r = (SipResponse) m;
            b.append(r.version()).append(' ').append(r.statusCode()).append(' ').append(r.reasonPhrase());
        }
        b.append("\r\n");
        List<HeaderField> fields = m.headers().fields();
        for (int i = 0; i < fields.size(); i++) {
            HeaderField f = fields.get(i);
            if (f.canonicalName() == HeaderNames.CONTENT_LENGTH) {
                continue;
            }
            b.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        b.append("Content-Length: ").append(m.body().length).append("\r\n\r\n");
    }
}
