package dev.sotto.codecs.sdp;

import java.nio.charset.StandardCharsets;

/** Writes a session description in the order of RFC 8866 §5, every line ending in CRLF. */
public final class SdpSerializer {

    private SdpSerializer() {
    }

    public static String encode(SessionDescription d) {
        StringBuilder b = new StringBuilder(512);
        line(b, 'v', Integer.toString(d.version()));
        line(b, 'o', d.origin().encode());
        line(b, 's', d.sessionName());
        if (d.information() != null) {
            line(b, 'i', d.information());
        }
        if (d.uri() != null) {
            line(b, 'u', d.uri());
        }
        d.emails().forEach(e -> line(b, 'e', e));
        d.phones().forEach(p -> line(b, 'p', p));
        if (d.connection() != null) {
            line(b, 'c', d.connection().encode());
        }
        d.bandwidths().forEach(x -> line(b, 'b', x.encode()));
        for (Timing t : d.timings()) {
            line(b, 't', t.start() + " " + t.stop());
            t.repeats().forEach(r -> line(b, 'r', r));
        }
        if (d.zoneAdjustments() != null) {
            line(b, 'z', d.zoneAdjustments());
        }
        if (d.key() != null) {
            line(b, 'k', d.key());
        }
        d.attributes().forEach(a -> line(b, 'a', a.encode()));
        for (MediaDescription m : d.media()) {
            StringBuilder ml = new StringBuilder().append(m.media()).append(' ').append(m.port());
            if (m.portCount() >= 0) {
                ml.append('/').append(m.portCount());
            }
            ml.append(' ').append(m.proto());
            m.formats().forEach(f -> ml.append(' ').append(f));
            line(b, 'm', ml.toString());
            if (m.information() != null) {
                line(b, 'i', m.information());
            }
            m.connections().forEach(c -> line(b, 'c', c.encode()));
            m.bandwidths().forEach(x -> line(b, 'b', x.encode()));
            if (m.key() != null) {
                line(b, 'k', m.key());
            }
            m.attributes().forEach(a -> line(b, 'a', a.encode()));
        }
        return b.toString();
    }

    public static byte[] encodeBytes(SessionDescription d) {
        return encode(d).getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder b, char type, String value) {
        b.append(type).append('=').append(value).append("\r\n");
    }
}
