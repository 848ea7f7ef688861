package dev.sotto.codecs.sdp;

import dev.sotto.codecs.DecodeResult;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses session descriptions (RFC 8866 §5, §9; RFC 4566). Lines must come in the defined order; unknown
 * line types are rejected (RFC 8866 §5: "MUST completely ignore or reject"), unknown attributes kept, typed views of
 * known attributes in {@link SdpAttributes}. LF alone is accepted as a
 * line end (RFC 8866 §5). Malformed offsets are character offsets of the offending line. Never throws.
 */
public final class SdpParser {

    private static final SdpParser DEFAULT = new SdpParser(SdpLimits.DEFAULT);
    private static final String SESSION_ORDER = "vosiuepcbtkam";
    private static final String MEDIA_ORDER = "icbka";

    private final SdpLimits limits;

    public SdpParser(SdpLimits limits) {
        this.limits = limits;
    }

    public static SdpParser defaults() {
        return DEFAULT;
    }

    public DecodeResult<SessionDescription> parse(byte[] data) {
        return parse(data, 0, data.length);
    }

    public DecodeResult<SessionDescription> parse(byte[] data, int off, int len) {
        if (len > limits.maxBytes()) {
            return DecodeResult.malformed("too-large", limits.maxBytes());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            return DecodeResult.malformed("bad-encoding", 0);
        }
        DecodeResult<SessionDescription> r = parse(text);
        if (r instanceof DecodeResult.Ok<SessionDescription> ok) {
            return DecodeResult.ok(ok.value(), len);
        }
        return r;
    }

    /** Mutable state of one parse. */
    private static final class State {
        int version = -1;
        Origin origin;
        String sessionName;
        String information;
        String uri;
        final List<String> emails = new ArrayList<>(0);
        final List<String> phones = new ArrayList<>(0);
        Connection connection;
        final List<Bandwidth> bandwidths = new ArrayList<>(0);
        final List<Timing> timings = new ArrayList<>(1);
        List<String> repeats;
        long tStart;
        long tStop;
        String zone;
        String key;
        final List<Attribute> attributes = new ArrayList<>(4);
        final List<MediaDescription> media = new ArrayList<>(2);
        // the media section being read
        String mMedia;
        int mPort;
        int mPortCount;
        String mProto;
        List<String> mFormats;
        String mInfo;
        List<Connection> mConnections;
        List<Bandwidth> mBandwidths;
        String mKey;
        List<Attribute> mAttributes;

        void closeTiming() {
            if (repeats != null) {
                timings.add(new Timing(tStart, tStop, repeats));
                repeats = null;
            }
        }

        void closeMedia() {
            if (mMedia != null) {
                media.add(new MediaDescription(mMedia, mPort, mPortCount, mProto, mFormats, mInfo, mConnections,
                        mBandwidths, mKey, mAttributes));
                mMedia = null;
            }
        }
    }

    public DecodeResult<SessionDescription> parse(String text) {
        if (text.length() > limits.maxBytes()) {
            return DecodeResult.malformed("too-large", limits.maxBytes());
        }
        State st = new State();
        int rank = -1;          // position in SESSION_ORDER, or in MEDIA_ORDER inside a media section
        boolean inMedia = false;
        int lines = 0;
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int lf = text.indexOf('\n', pos);
            int lineEnd = lf < 0 ? n : lf;
            int next = lf < 0 ? n : lf + 1;
            int e = lineEnd > pos && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            int at = pos;
            pos = next;
            if (e == at) {
                if (next >= n) {
                    break; // a trailing empty line
                }
                return DecodeResult.malformed("bad-line", at);
            }
            if (++lines > limits.maxLines()) {
                return DecodeResult.malformed("too-many-lines", at);
            }
            if (e - at > limits.maxLineLength()) {
                return DecodeResult.malformed("line-too-long", at);
            }
            if (e - at < 2 || text.charAt(at + 1) != '=') {
                return DecodeResult.malformed("bad-line", at);
            }
            char type = text.charAt(at);
            String v = text.substring(at + 2, e);
            if (!Sdp.isLineText(v)) {
                return DecodeResult.malformed("bad-line", at);
            }
            if (lines == 1 && type != 'v') {
                return DecodeResult.malformed("missing-line:v", at);
            }
            String err;
            if (type == 'm') {
                if (st.media.size() + 1 > limits.maxMedia()) {
                    return DecodeResult.malformed("too-many-media", at);
                }
                if (!inMedia && (st.timings.isEmpty() && st.repeats == null)) {
                    return DecodeResult.malformed("missing-line:t", at);
                }
                st.closeTiming();
                st.closeMedia();
                inMedia = true;
                rank = -1;
                err = media(st, v);
            } else if (inMedia) {
                int r = MEDIA_ORDER.indexOf(type);
                if (r < 0) {
                    return DecodeResult.malformed(SESSION_ORDER.indexOf(type) >= 0 ? "out-of-order" : "unknown-type",
                            at);
                }
                if (r < rank || (r == rank && (type == 'i' || type == 'k'))) {
                    return DecodeResult.malformed("out-of-order", at);
                }
                rank = r;
                err = mediaLine(st, type, v);
            } else {
                int r;
                if (type == 'r' || type == 'z') {
                    // RFC 8866 §9: repeat and zone lines belong to the time description before them
                    if (st.repeats == null || (type == 'r' && st.zone != null)) {
                        return DecodeResult.malformed("out-of-order", at);
                    }
                    r = SESSION_ORDER.indexOf('t');
                } else {
                    r = SESSION_ORDER.indexOf(type);
                }
                if (r < 0) {
                    return DecodeResult.malformed("unknown-type", at);
                }
                boolean repeatable = "epbtrza".indexOf(type) >= 0;
                if (r < rank || (r == rank && !repeatable)) {
                    return DecodeResult.malformed(r == rank ? "duplicate-line:" + type : "out-of-order", at);
                }
                if (rank >= SESSION_ORDER.indexOf('t') && type != 't' && type != 'r' && type != 'z') {
                    st.closeTiming();
                }
                rank = r;
                err = sessionLine(st, type, v);
            }
            if (err != null) {
                return DecodeResult.malformed(err, at);
            }
        }
        st.closeTiming();
        st.closeMedia();
        if (st.version < 0) {
            return DecodeResult.malformed("missing-line:v", 0);
        }
        if (st.origin == null) {
            return DecodeResult.malformed("missing-line:o", 0);
        }
        if (st.sessionName == null) {
            return DecodeResult.malformed("missing-line:s", 0);
        }
        if (st.timings.isEmpty()) {
            return DecodeResult.malformed("missing-line:t", 0);
        }
        // RFC 8866 §5.7: a c= at session level or in every media section
        if (st.connection == null) {
            for (MediaDescription m : st.media) {
                if (m.connections().isEmpty()) {
                    return DecodeResult.malformed("missing-connection", 0);
                }
            }
        }
        return DecodeResult.ok(new SessionDescription(st.version, st.origin, st.sessionName, st.information, st.uri,
                st.emails, st.phones, st.connection, st.bandwidths, st.timings, st.zone, st.key, st.attributes,
                st.media), n);
    }

    private static String sessionLine(State st, char type, String v) {
        switch (type) {
            case 'v':
                // version-field = %s"v" "=" 1*DIGIT; this memo describes version 0
                if (!v.equals("0")) {
                    return "bad-version";
                }
                st.version = 0;
                return null;
            case 'o': {
                String[] f = v.split(" ", -1);
                if (f.length != 6 || !Sdp.isNonWs(f[0]) || !Sdp.isDigits(f[1]) || !Sdp.isDigits(f[2])
                        || !Sdp.isToken(f[3]) || !Sdp.isToken(f[4]) || !Sdp.isNonWs(f[5])) {
                    return "bad-origin";
                }
                st.origin = new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
                return null;
            }
            case 's':
                // RFC 8866 §5.3: s= must not be empty; a single space or "-" is used when there is no name.
                // RFC 5118 §4.8 and deployed stacks send "s=" empty, so it is accepted.
                st.sessionName = v;
                return null;
            case 'i':
                st.information = v;
                return null;
            case 'u':
                st.uri = v;
                return null;
            case 'e':
                st.emails.add(v);
                return null;
            case 'p':
                st.phones.add(v);
                return null;
            case 'c':
                st.connection = connection(v);
                return st.connection == null ? "bad-connection" : null;
            case 'b': {
                Bandwidth b = bandwidth(v);
                if (b == null) {
                    return "bad-bandwidth";
                }
                st.bandwidths.add(b);
                return null;
            }
            case 't': {
                st.closeTiming();
                String[] f = v.split(" ", -1);
                long a = f.length == 2 ? Sdp.number(f[0], Long.MAX_VALUE) : -1;
                long b = f.length == 2 ? Sdp.number(f[1], Long.MAX_VALUE) : -1;
                if (a < 0 || b < 0) {
                    return "bad-timing";
                }
                st.tStart = a;
                st.tStop = b;
                st.repeats = new ArrayList<>(0);
                return null;
            }
            case 'r':
                if (v.isEmpty() || v.split(" ").length < 3) {
                    return "bad-repeat";
                }
                st.repeats.add(v);
                return null;
            case 'z':
                if (v.isEmpty() || st.zone != null) {
                    return "bad-zone";
                }
                st.zone = v;
                return null;
            case 'k':
                st.key = v;
                return null;
            case 'a': {
                Attribute a = attribute(v);
                if (a == null) {
                    return "bad-attribute:" + attributeName(v);
                }
                st.attributes.add(a);
                return null;
            }
            default:
                return "unknown-type";
        }
    }

    private static String media(State st, String v) {
        // media-field = %s"m" "=" media SP port ["/" integer] SP proto 1*(SP fmt)
        String[] f = v.split(" ", -1);
        if (f.length < 4 || !Sdp.isToken(f[0]) || f[2].isEmpty()) {
            return "bad-media";
        }
        String port = f[1];
        int slash = port.indexOf('/');
        long p = Sdp.number(slash < 0 ? port : port.substring(0, slash), 65535);
        long count = slash < 0 ? -1 : Sdp.number(port.substring(slash + 1), 65535);
        if (p < 0 || (slash >= 0 && count < 1)) {
            return "bad-media";
        }
        for (String proto : f[2].split("/", -1)) {
            if (!Sdp.isToken(proto)) {
                return "bad-media";
            }
        }
        List<String> formats = new ArrayList<>(f.length - 3);
        for (int i = 3; i < f.length; i++) {
            if (!Sdp.isToken(f[i])) {
                return "bad-media";
            }
            formats.add(f[i]);
        }
        st.mMedia = f[0];
        st.mPort = (int) p;
        st.mPortCount = (int) count;
        st.mProto = f[2];
        st.mFormats = formats;
        st.mInfo = null;
        st.mConnections = new ArrayList<>(1);
        st.mBandwidths = new ArrayList<>(0);
        st.mKey = null;
        st.mAttributes = new ArrayList<>(8);
        return null;
    }

    private static String mediaLine(State st, char type, String v) {
        switch (type) {
            case 'i':
                st.mInfo = v;
                return null;
            case 'c': {
                Connection c = connection(v);
                if (c == null) {
                    return "bad-connection";
                }
                st.mConnections.add(c);
                return null;
            }
            case 'b': {
                Bandwidth b = bandwidth(v);
                if (b == null) {
                    return "bad-bandwidth";
                }
                st.mBandwidths.add(b);
                return null;
            }
            case 'k':
                st.mKey = v;
                return null;
            case 'a': {
                Attribute a = attribute(v);
                if (a == null) {
                    return "bad-attribute:" + attributeName(v);
                }
                st.mAttributes.add(a);
                return null;
            }
            default:
                return "unknown-type";
        }
    }

    private static Connection connection(String v) {
        String[] f = v.split(" ", -1);
        if (f.length != 3 || !Sdp.isToken(f[0]) || !Sdp.isToken(f[1]) || !Sdp.isNonWs(f[2])) {
            return null;
        }
        return new Connection(f[0], f[1], f[2]);
    }

    private static Bandwidth bandwidth(String v) {
        int colon = v.indexOf(':');
        if (colon <= 0 || !Sdp.isToken(v.substring(0, colon))) {
            return null;
        }
        long b = Sdp.number(v.substring(colon + 1), Long.MAX_VALUE);
        return b < 0 ? null : new Bandwidth(v.substring(0, colon), b);
    }

    private static String attributeName(String v) {
        int colon = v.indexOf(':');
        String name = colon < 0 ? v : v.substring(0, colon);
        return Sdp.isToken(name) ? name : "?";
    }

    /**
     * attribute = (attribute-name ":" attribute-value) / attribute-name. Values of known attributes that break
     * their grammar are kept like unknown ones (RFC 4475's bodies carry "a=rtpmap:31 LPC" without a clock rate);
     * the typed views of {@link SdpAttributes} skip them.
     */
    private static Attribute attribute(String v) {
        int colon = v.indexOf(':');
        String name = colon < 0 ? v : v.substring(0, colon);
        String value = colon < 0 ? null : v.substring(colon + 1);
        return Sdp.isToken(name) ? new Attribute(name, value) : null;
    }
}
