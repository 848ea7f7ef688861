package dev.sotto.codecs.sip;

import dev.sotto.codecs.DecodeResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parses SIP messages (RFC 3261 §7) from bytes: datagram mode (one message per UDP packet, §18.3) and stream
 * mode (Content-Length framing for TCP/TLS, §18.3). Returns {@link DecodeResult}: Ok, NeedMore (stream
 * mode only) or Malformed with a {@link SipError} condition. Never throws on any input. Thread-safe.
 */
public final class SipParser {

    private static final SipParser DEFAULT = new SipParser(SipLimits.DEFAULT);

    private final SipLimits limits;

    public SipParser(SipLimits limits) {
        this.limits = limits;
    }

    public static SipParser defaults() {
        return DEFAULT;
    }

    public SipLimits limits() {
        return limits;
    }

    /** One datagram holds one message; octets after Content-Length are ignored (RFC 3261 §18.3). */
    public DecodeResult<SipMessage> parseDatagram(byte[] data) {
        return parseDatagram(data, 0, data.length);
    }

    public DecodeResult<SipMessage> parseDatagram(byte[] data, int off, int len) {
        Object h = parseHead(data, off, off + len, false);
        if (h instanceof Head head) {
            return complete(head, data, off, off + len, false);
        }
        return cast(h);
    }

    /**
     * The first message of a byte stream; leading CRLFs are skipped (RFC 3261 §7.5) and counted in
     * {@code consumed}. NeedMore until the whole message is there.
     */
    public DecodeResult<SipMessage> parseStream(byte[] data, int off, int len) {
        Object h = parseHead(data, off, off + len, true);
        if (h instanceof Head head) {
            return complete(head, data, off, off + len, true);
        }
        return cast(h);
    }

    @SuppressWarnings("unchecked")
    private static DecodeResult<SipMessage> cast(Object o) {
        return (DecodeResult<SipMessage>) o;
    }

    private static DecodeResult<SipMessage> fail(SipError e, String header, long offset) {
        return DecodeResult.malformed(header == null ? e.condition() : e.condition() + ":" + header, offset);
    }

    /** Everything before the body. */
    static final class Head {
        int start;             // offset of the start line (after skipped CRLFs)
        int bodyStart;         // first body byte
        String method;         // null for a response
        Uri requestUri;
        String version;
        int statusCode;
        String reason;
        SipHeaders headers;
        ParseContext ctx;
        byte[] folded;         // out: the value made by foldAscii, in folded[0, foldLength)
        int foldLength;
        int foldEnd;           // out: the first byte after its last continuation line
    }

    /**
     * Unfolds a value whose lines are all plain ASCII and well within the limits, exactly as the general path
     * does (first line as is; each continuation line stripped and joined with one SP after trailing SP/HTAB
     * are dropped; the result trimmed of SP/HTAB, RFC 3261 §7.3.1). Returns null, having decided nothing, for
     * anything else (non-ASCII, a bare CR or LF, an incomplete or over-long value), which the caller then
     * handles on the general path.
     */
    private byte[] foldAscii(byte[] b, int vs, int ve, int next, int end, int eol, boolean stream, Head head) {
        if (scan(b, vs, ve) != 0) {
            return null;
        }
        int max = limits.maxLineLength();
        byte[] buf = new byte[Math.min(end - vs, max + 1)];
        int n = ve - vs;
        if (n > buf.length) {
            return null;
        }
        System.arraycopy(b, vs, buf, 0, n);
        int p = next;
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            int ce = eol(b, p, end, eol);
            if (ce < 0 || scan(b, p, ce) != 0) {
                return null;
            }
            while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t')) {
                n--;
            }
            // String.strip() on ASCII: Character.isWhitespace is HT, LF, VT, FF, CR, FS..US and SP
            int a = p;
            int z = ce;
            while (a < z && isAsciiWhitespace(b[a])) {
                a++;
            }
            while (z > a && isAsciiWhitespace(b[z - 1])) {
                z--;
            }
            int add = (n > 0 ? 1 : 0) + (z - a);
            if (n + add > max || n + add > buf.length) {
                return null;
            }
            if (n > 0) {
                buf[n++] = ' ';
            }
            System.arraycopy(b, a, buf, n, z - a);
            n += z - a;
            p = ce + eol;
        }
        if (p >= end && stream) {
            return null;
        }
        int a = 0;
        while (a < n && (buf[a] == ' ' || buf[a] == '\t')) {
            a++;
        }
        while (n > a && (buf[n - 1] == ' ' || buf[n - 1] == '\t')) {
            n--;
        }
        if (a > 0) {
            System.arraycopy(buf, a, buf, 0, n - a);
        }
        head.folded = buf;
        head.foldLength = n - a;
        head.foldEnd = p;
        return buf;
    }

    private static boolean isAsciiWhitespace(byte c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }

    /**
     * Parses up to the empty line. Returns a {@link Head}, or a NeedMore / Malformed DecodeResult. In stream
     * mode an incomplete head is NeedMore unless it is already over a limit.
     */
    Object parseHead(byte[] b, int off, int end, boolean stream) {
        int p = off;
        while (p + 1 < end && b[p] == '\r' && b[p + 1] == '\n') {
            p += 2;
        }
        if (p >= end || (p + 1 == end && b[p] == '\r')) {
            return stream ? DecodeResult.needMore() : fail(SipError.BAD_START_LINE, null, p - off);
        }
        int start = p;
        // RFC 3261 §7: lines end in CRLF. RFC 5118's published messages use bare LF throughout; a message whose
        // start line ends in a bare LF is read in LF mode (every line then ends in LF, a CR is an error).
        int firstLf = indexOf(b, p, Math.min(end, p + limits.maxLineLength() + 2), (byte) '\n');
        int eol = firstLf > p && b[firstLf - 1] != '\r' ? 1 : 2;
        // the first LF ends the start line when it ends it at all (LF mode; or CRLF mode with its CR before it)
        int lineEnd = firstLf > p ? (eol == 1 ? firstLf : firstLf - 1) : eol(b, p, end, eol);
        if (lineEnd < 0) {
            if (end - p > limits.maxLineLength()) {
                return fail(SipError.LINE_TOO_LONG, null, p - off);
            }
            return stream ? DecodeResult.needMore() : fail(SipError.BAD_START_LINE, null, p - off);
        }
        if (lineEnd - p > limits.maxLineLength()) {
            return fail(SipError.LINE_TOO_LONG, null, p - off);
        }
        Head head = new Head();
        head.start = start;
        head.ctx = new ParseContext();
        if (eol == 1) {
            head.ctx.flag(SipViolation.BARE_LF_LINE_ENDINGS);
        }
        DecodeResult<SipMessage> bad = startLine(b, p, lineEnd, head, off);
        if (bad != null) {
            return bad;
        }
        p = lineEnd + eol;

        // First pass: split the lines. Each value is kept as a range; the known headers are typed afterwards
        // straight from one copy of the bytes of the head, so no String per value.
        SipHeaders.Raw raw = new SipHeaders.Raw();
        boolean ascii = true;
        int headersStart = p;
        int headersEnd = p;     // the end of the last value kept as a range of the input (in the copy made below)
        StringBuilder folded = null;
        while (true) {
            if (p - start > limits.maxMessageBytes()) {
                return fail(SipError.MESSAGE_TOO_LARGE, null, p - off);
            }
            if (!stream && p == end && raw.count > 0) {
                // a datagram that ends after a header line, without the empty line RFC 3261 §7 requires
                head.ctx.flag(SipViolation.MISSING_EMPTY_LINE);
                break;
            }
            // one SWAR pass finds the CRLF of a plain ASCII line; anything else (LF mode, a stray CR, non-ASCII)
            // takes the general line search and the value is checked by scan() below
            int q = eol == 2 ? firstSpecial(b, p, end) : -1;
            boolean clean = q >= 0 && b[q] == '\r' && q + 1 < end && b[q + 1] == '\n';
            int le = clean ? q : eol(b, p, end, eol);
            if (le < 0) {
                if (end - start > limits.maxMessageBytes()) {
                    return fail(SipError.MESSAGE_TOO_LARGE, null, p - off);
                }
                return stream ? DecodeResult.needMore() : fail(SipError.BAD_HEADER_LINE, null, p - off);
            }
            if (le == p) {
                p += eol;
                break;
            }
            if (raw.count >= limits.maxHeaderCount()) {
                return fail(SipError.TOO_MANY_HEADERS, null, p - off);
            }
            int fieldStart = p;
            // field-name HCOLON; HCOLON = *( SP / HTAB ) ":" SWS
            if (b[p] == ' ' || b[p] == '\t') {
                return fail(SipError.BAD_HEADER_LINE, null, p - off); // continuation with nothing to continue
            }
            // field-name = token: our usual spellings are tokens already, so only another name is checked
            int colon = Lex.indexOf(b, ':', p, le); // eight bytes at a time
            if (colon < 0) {
                colon = le;
            }
            int ne = colon;
            while (ne > p && (b[ne - 1] == ' ' || b[ne - 1] == '\t')) {
                ne--;
            }
            int known = colon < le ? HeaderNames.find(b, p, ne - p) : -1;
            if (known < 0 && (ne == p || colon >= le || Lex.run(b, p, ne, Lex.TOKEN) != ne)) {
                return fail(SipError.BAD_HEADER_LINE, null, p - off);
            }
            // a usual spelling is kept as its index in HeaderNames' table (Raw.add), any other name as a String
            String name = known >= 0 ? null : HeaderNames.intern(b, p, ne - p);
            int tag = known >= 0 ? HeaderNames.tagAt(known) | (known + 1) << 16
                    : HeaderNames.tag(HeaderNames.canonical(name));
            // the value: this line after the colon plus continuation lines (LWS folding, §7.3.1)
            int vs = colon + 1;
            int ve = le;
            int next = le + eol;
            boolean isFolded = next < end && (b[next] == ' ' || b[next] == '\t');
            if (!isFolded) {
                int kind = clean ? 0 : scan(b, vs, ve);
                if (kind < 0) {
                    return fail(SipError.BAD_ENCODING, null, p - off);
                }
                p = next;
                if (kind == 0) {
                    if (ve - vs > limits.maxLineLength()) {
                        return fail(SipError.LINE_TOO_LONG, null, fieldStart - off);
                    }
                    while (vs < ve && (b[vs] == ' ' || b[vs] == '\t')) {
                        vs++;
                    }
                    while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
                        ve--;
                    }
                    raw.add(name, tag, null, vs - headersStart, ve - headersStart, fieldStart - off);
                    headersEnd = ve; // lines come in order: the last such value ends last
                } else {
                    ascii = false;
                    // RFC 3261 §7.3.1 allows UTF-8 TEXT; the limit counts chars, as for a String of the value
                    if (utf16Length(b, vs, ve) > limits.maxLineLength()) {
                        return fail(SipError.LINE_TOO_LONG, null, fieldStart - off);
                    }
                    while (vs < ve && (b[vs] == ' ' || b[vs] == '\t')) {
                        vs++;
                    }
                    while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
                        ve--;
                    }
                    raw.add(name, tag, null, vs - headersStart, ve - headersStart, fieldStart - off);
                    headersEnd = ve; // lines come in order: the last such value ends last
                }
            } else if (foldAscii(b, vs, ve, next, end, eol, stream, head) != null) {
                // the usual folded value (a Digest challenge or credentials): plain ASCII, built on bytes
                p = head.foldEnd;
                raw.add(name, tag, head.folded, 0, head.foldLength, fieldStart - off);
            } else {
                // anything else, including every error, takes this general path
                if (folded == null) {
                    folded = new StringBuilder(128);
                }
                folded.setLength(0);
                String seg = text(b, vs, ve);
                if (seg == null) {
                    return fail(SipError.BAD_ENCODING, null, p - off);
                }
                folded.append(seg);
                p = next;
                while (p < end && (b[p] == ' ' || b[p] == '\t')) {
                    int ce = eol(b, p, end, eol);
                    if (ce < 0) {
                        if (end - start > limits.maxMessageBytes()) {
                            return fail(SipError.MESSAGE_TOO_LARGE, null, p - off);
                        }
                        return stream ? DecodeResult.needMore() : fail(SipError.BAD_HEADER_LINE, null, p - off);
                    }
                    seg = text(b, p, ce);
                    if (seg == null) {
                        return fail(SipError.BAD_ENCODING, null, p - off);
                    }
                    trimRight(folded);
                    if (folded.length() > 0) {
                        folded.append(' ');
                    }
                    folded.append(seg.strip());
                    if (folded.length() > limits.maxLineLength()) {
                        return fail(SipError.LINE_TOO_LONG, null, fieldStart - off);
                    }
                    p = ce + eol;
                }
                if (p >= end && stream) {
                    return DecodeResult.needMore(); // the next line might still be a continuation
                }
                String value = folded.toString();
                if (value.length() > limits.maxLineLength()) {
                    return fail(SipError.LINE_TOO_LONG, null, fieldStart - off);
                }
                ascii = false; // may be
                byte[] v = trimWs(value).getBytes(StandardCharsets.UTF_8);
                raw.add(name, tag, v, 0, v.length, fieldStart - off);
            }
        }
        // Only values kept as ranges of the input (bytes null, positions from headersStart) need the shared copy of
        // the head; when every value is folded (each its own array) there is none to make (a fuzz finding: the
        // length went negative). A copy, not the caller's array: the fields are made from it later, when the
        // caller may have reused it.
        if (headersEnd > headersStart) {
            raw.head = java.util.Arrays.copyOfRange(b, headersStart, headersEnd);
        }
        raw.ascii = ascii;
        head.bodyStart = p;

        SipHeaders.Typing t = new SipHeaders.Typing(null, raw);
        SipHeaders headers = SipHeaders.type(t, head.ctx);
        if (headers == null) {
            int idx = t.errorIndex;
            return fail(t.error, t.errorHeader, idx >= 0 ? raw.offset(idx) : head.start - off);
        }
        head.headers = headers;
        DecodeResult<SipMessage> missing = required(head, off);
        if (missing != null) {
            return missing;
        }
        return head;
    }

    /** Adds the body; returns the message, NeedMore (stream) or a framing error. */
    DecodeResult<SipMessage> complete(Head head, byte[] b, int off, int end, boolean stream) {
        int cl = head.headers.contentLength().orElse(-1);
        int avail = end - head.bodyStart;
        int bodyLen;
        int consumedEnd;
        if (cl < 0) {
            if (stream) {
                // RFC 3261 §18.3: stream transports MUST carry Content-Length
                return fail(SipError.BAD_CONTENT_LENGTH, HeaderNames.CONTENT_LENGTH, head.bodyStart - off);
            }
            bodyLen = avail; // RFC 3261 §18.3: over UDP the body runs to the end of the datagram
            consumedEnd = end;
        } else {
            if ((long) head.bodyStart - head.start + cl > limits.maxMessageBytes()) {
                return fail(SipError.MESSAGE_TOO_LARGE, null, head.bodyStart - off);
            }
            if (cl > avail) {
                return stream ? DecodeResult.needMore()
                        : fail(SipError.BODY_TRUNCATED, HeaderNames.CONTENT_LENGTH, end - off);
            }
            bodyLen = cl;
            if (!stream && cl < avail) {
                head.ctx.flag(SipViolation.TRAILING_DATAGRAM_OCTETS); // RFC 4475 §3.1.1.8
                consumedEnd = end;
            } else {
                consumedEnd = head.bodyStart + cl;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(b, head.bodyStart, head.bodyStart + bodyLen);
        Set<SipViolation> v = violations(head.ctx);
        SipMessage m;
        if (head.method != null) {
            m = new SipRequest(head.method, head.requestUri, head.version, head.headers, body, v);
        } else {
            m = new SipResponse(head.version, head.statusCode, head.reason, head.headers, body, v);
        }
        return DecodeResult.ok(m, consumedEnd - off);
    }

    private static Set<SipViolation> violations(ParseContext ctx) {
        int bits = ctx.violations();
        if (bits == 0) {
            return Set.of();
        }
        EnumSet<SipViolation> s = EnumSet.noneOf(SipViolation.class);
        for (SipViolation v : SipViolation.values()) {
            if ((bits & (1 << v.ordinal())) != 0) {
                s.add(v);
            }
        }
        return s;
    }

    // RFC 3261 §8.1.1: To, From, CSeq, Call-ID, Max-Forwards and Via are mandatory in requests; responses
    // carry To, From, CSeq, Call-ID and Via (§8.2.6.2). Max-Forwards may be absent in RFC 2543 requests.
    private static DecodeResult<SipMessage> required(Head head, int off) {
        SipHeaders h = head.headers;
        String missing = null;
        if (h.to() == null) {
            missing = HeaderNames.TO;
        } else if (h.from() == null) {
            missing = HeaderNames.FROM;
        } else if (h.cseq() == null) {
            missing = HeaderNames.CSEQ;
        } else if (h.callId() == null) {
            missing = HeaderNames.CALL_ID;
        } else if (h.via().isEmpty()) {
            missing = HeaderNames.VIA;
        }
        if (missing != null) {
            return fail(SipError.MISSING_HEADER, missing, head.start - off);
        }
        if (head.method != null) {
            if (!h.cseq().method().equals(head.method)) {
                return fail(SipError.CSEQ_METHOD_MISMATCH, HeaderNames.CSEQ, head.start - off);
            }
            if (!h.hasMaxForwardsField()) {
                head.ctx.flag(SipViolation.MAX_FORWARDS_MISSING);
            }
        }
        return null;
    }

    private DecodeResult<SipMessage> startLine(byte[] b, int p, int le, Head head, int off) {
        if (le - p >= 4 && b[p] == 'S' && b[p + 1] == 'I' && b[p + 2] == 'P' && b[p + 3] == '/') {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (RFC 3261 §7.2)
            int sp = indexOf(b, p, le, (byte) ' ');
            if (sp < 0) {
                return fail(SipError.BAD_START_LINE, null, p - off);
            }
            DecodeResult<SipMessage> v = version(b, p, sp, head, off);
            if (v != null) {
                return v;
            }
            int cs = sp + 1;
            int ce = indexOf(b, cs, le, (byte) ' ');
            if (ce < 0) {
                ce = le;
                head.ctx.flag(SipViolation.STATUS_LINE_WITHOUT_REASON_SP); // RFC 4475 §3.1.1.13
            }
            int code = 0;
            if (ce - cs != 3) {
                return fail(SipError.BAD_STATUS_CODE, null, cs - off);
            }
            for (int i = cs; i < ce; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    return fail(SipError.BAD_STATUS_CODE, null, cs - off);
                }
                code = code * 10 + (b[i] - '0');
            }
            if (code < 100 || code > 699) {
                return fail(SipError.BAD_STATUS_CODE, null, cs - off);
            }
            head.statusCode = code;
            String reason = ce < le ? text(b, ce + 1, le) : "";
            if (reason == null) {
                return fail(SipError.BAD_ENCODING, null, ce - off);
            }
            head.reason = reason;
            return null;
        }
        // Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §7.1)
        int sp1 = indexOf(b, p, le, (byte) ' ');
        int sp2 = lastIndexOf(b, p, le, (byte) ' ');
        if (sp1 <= p || sp2 == sp1) {
            return fail(SipError.BAD_START_LINE, null, p - off);
        }
        for (int i = p; i < sp1; i++) {
            if (b[i] < 0 || !Lex.is((char) b[i], Lex.TOKEN)) {
                return fail(SipError.BAD_START_LINE, null, i - off);
            }
        }
        // RFC 4475 §3.1.2.9/§3.1.2.10: extra SP around the elements is rejected
        if (b[sp1 + 1] == ' ' || b[sp2 - 1] == ' ' || sp2 == le - 1) {
            return fail(SipError.BAD_START_LINE, null, sp1 - off);
        }
        DecodeResult<SipMessage> v = version(b, sp2 + 1, le, head, off);
        if (v != null) {
            return v;
        }
        head.method = HeaderNames.method(b, p, sp1 - p);
        // No separate check for CR, LF or bad UTF-8 here: every URI form the parser accepts is made of ASCII
        // characters of its grammar only (RFC 3261 §25.1), so such a byte makes it refuse the URI, same error
        Uri uri = UriParser.parse(b, sp1 + 1, sp2, head.ctx);
        // RFC 3261 §19.1.1 (table): headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11)
        if (uri == null || (uri instanceof SipUri su && !su.headers().isEmpty())) {
            return fail(SipError.BAD_REQUEST_URI, null, sp1 + 1 - off);
        }
        head.requestUri = uri;
        return null;
    }

    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is supported (RFC 3261 §7.1, §21.5.6)
    private static DecodeResult<SipMessage> version(byte[] b, int s, int e, Head head, int off) {
        int n = e - s;
        if (n < 7 || (b[s] | 0x20) != 's' || (b[s + 1] | 0x20) != 'i' || (b[s + 2] | 0x20) != 'p' || b[s + 3] != '/') {
            return fail(SipError.BAD_START_LINE, null, s - off);
        }
        int dot = indexOf(b, s + 4, e, (byte) '.');
        if (dot < 0 || !allDigits(b, s + 4, dot) || !allDigits(b, dot + 1, e)) {
            return fail(SipError.BAD_START_LINE, null, s - off);
        }
        if (n != 7 || b[s + 4] != '2' || b[s + 6] != '0') {
            return fail(SipError.VERSION_NOT_SUPPORTED, null, s - off);
        }
        head.version = "SIP/2.0";
        return null;
    }

    private static boolean allDigits(byte[] b, int s, int e) {
        if (s >= e) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** Text of [s, e) if it is UTF-8 without bare CR or LF; else null. */
    private static String text(byte[] b, int s, int e) {
        boolean ascii = true;
        for (int i = s; i < e; i++) {
            byte x = b[i];
            if (x < 0) {
                ascii = false;
            } else if (x == '\r' || x == '\n') {
                return null;
            }
        }
        if (ascii) {
            return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }
        return Utf8.valid(b, s, e) ? new String(b, s, e - s, StandardCharsets.UTF_8) : null;
    }

    /**
     * Checks [s, e) as {@link #text} does without making a String: -1 for a bare CR or LF or invalid UTF-8,
     * 0 when it is all ASCII, 1 for valid UTF-8 with non-ASCII characters.
     */
    private static int scan(byte[] b, int s, int e) {
        int i = s;
        // eight ASCII bytes at a time while none is CR, LF or non-ASCII
        while (i + 8 <= e) {
            long x = (long) LONGS.get(b, i);
            if (((x & HIGHS) | zeroByte(x ^ (ONES * '\r')) | zeroByte(x ^ (ONES * '\n'))) != 0) {
                break;
            }
            i += 8;
        }
        boolean ascii = true;
        for (; i < e; i++) {
            byte x = b[i];
            if (x < 0) {
                ascii = false;
            } else if (x == '\r' || x == '\n') {
                return -1;
            }
        }
        if (ascii) {
            return 0;
        }
        return Utf8.valid(b, s, e) ? 1 : -1;
    }

    /** The length in chars (UTF-16 units) of the checked UTF-8 in [s, e): a 4-byte sequence is two chars. */
    private static int utf16Length(byte[] b, int s, int e) {
        int n = 0;
        for (int i = s; i < e; i++) {
            int x = b[i] & 0xff;
            if ((x & 0xc0) != 0x80) {
                n += x >= 0xf0 ? 2 : 1;
            }
        }
        return n;
    }

    private static String trimWs(String v) {
        int a = 0;
        int z = v.length();
        while (a < z && Lex.isWsp(v.charAt(a))) {
            a++;
        }
        while (z > a && Lex.isWsp(v.charAt(z - 1))) {
            z--;
        }
        return a == 0 && z == v.length() ? v : v.substring(a, z);
    }

    private static void trimRight(StringBuilder b) {
        int z = b.length();
        while (z > 0 && Lex.isWsp(b.charAt(z - 1))) {
            z--;
        }
        b.setLength(z);
    }

    /**
     * Index of the next line end in [p, end) (CRLF when eol is 2, LF when 1), or -1. A stray CR or LF before
     * it is caught by {@link #text}.
     */
    static int eol(byte[] b, int p, int end, int eol) {
        if (eol == 1) {
            return indexOfLf(b, p, end);
        }
        // CRLF: an LF whose previous byte (still inside the line) is CR
        int j = p + 1;
        while (true) {
            j = indexOfLf(b, j, end);
            if (j < 0) {
                return -1;
            }
            if (b[j - 1] == '\r') {
                return j - 1;
            }
            j++;
        }
    }

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** Non-zero exactly when some byte of {@code v} is zero; its lowest set bit marks the first such byte. */
    private static long zeroByte(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    /**
     * The first control byte other than HTAB (CR and LF among them) or non-ASCII byte in [s, e), or -1; eight
     * bytes at a time (SWAR). The caller takes its fast path only when that byte starts the CRLF of the line; any
     * other control or non-ASCII byte sends the line to the general path, which checks it byte by byte.
     */
    static int firstSpecial(byte[] b, int s, int e) {
        int i = s;
        while (i + 8 <= e) {
            long x = (long) LONGS.get(b, i);
            // a byte below 0x20 borrows in x - 0x20.. and shows its high bit; a non-ASCII byte has it already. A
            // borrow may mark bytes above the first marked one, never below it.
            long z = ((x - ONES * 0x20) | x) & HIGHS;
            if (z != 0) {
                int k = i + (Long.numberOfTrailingZeros(z) >>> 3);
                if (b[k] != '\t') {
                    return k;
                }
                i = k + 1; // HTAB is LWS: go on after it
                continue;
            }
            i += 8;
        }
        for (; i < e; i++) {
            byte x = b[i];
            if (x < 0 || (x < 0x20 && x != '\t')) {
                return i;
            }
        }
        return -1;
    }

    /** The first LF in [s, e), or -1; eight bytes at a time (SWAR), as line ends are most of the scanning. */
    private static int indexOfLf(byte[] b, int s, int e) {
        int i = s;
        while (i + 8 <= e) {
            long z = zeroByte((long) LONGS.get(b, i) ^ (ONES * '\n'));
            if (z != 0) {
                return i + (Long.numberOfTrailingZeros(z) >>> 3);
            }
            i += 8;
        }
        for (; i < e; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, int s, int e, byte x) {
        if (x == '\n') {
            return indexOfLf(b, s, e);
        }
        for (int i = s; i < e; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int s, int e, byte x) {
        for (int i = e - 1; i >= s; i--) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
