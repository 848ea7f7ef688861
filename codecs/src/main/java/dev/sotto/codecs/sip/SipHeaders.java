package dev.sotto.codecs.sip;

import dev.sotto.codecs.DecodeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The header fields of a message in their order, with the known ones parsed into typed values once, when the
 * headers are made. Unknown headers stay verbatim. Instances are immutable.
 */
public final class SipHeaders {

    /**
     * The fields in order. For parsed headers it is made on first use from {@link #raw}: the parser types the
     * known headers straight from the text of the message head, so a message whose unknown headers are never
     * read costs no String or HeaderField per header. Immutable once made; a race only makes it twice.
     */
    private volatile List<HeaderField> fields;
    private final Raw raw;
    // The typed values, as the typing pass left them (its lists frozen): read through a final field, so they are
    // as visible as the field itself, without a copy of each into this object.
    private final Typing t;

    private SipHeaders(Typing t) {
        this.fields = t.fields;
        this.raw = t.fields == null ? t.raw : null;
        // only a list of two or more elements (an ArrayList) is replaced: the others are immutable already, and a
        // store less into the typing pass's object is a GC write barrier less
        if (t.vias instanceof ArrayList) {
            t.vias = freeze(t.vias);
        }
        if (t.contacts instanceof ArrayList) {
            t.contacts = freeze(t.contacts);
        }
        if (t.routes instanceof ArrayList) {
            t.routes = freeze(t.routes);
        }
        if (t.recordRoutes instanceof ArrayList) {
            t.recordRoutes = freeze(t.recordRoutes);
        }
        if (t.authorizations instanceof ArrayList) {
            t.authorizations = freeze(t.authorizations);
        }
        if (t.proxyAuthorizations instanceof ArrayList) {
            t.proxyAuthorizations = freeze(t.proxyAuthorizations);
        }
        if (t.wwwAuthenticates instanceof ArrayList) {
            t.wwwAuthenticates = freeze(t.wwwAuthenticates);
        }
        if (t.proxyAuthenticates instanceof ArrayList) {
            t.proxyAuthenticates = freeze(t.proxyAuthenticates);
        }
        this.t = t;
    }

    /**
     * An immutable copy of a list of two or more elements of the typing pass (one of one element is {@link
     * Typing#append}'s List.of already, the usual case: no ArrayList, no copy); two: no array for those either.
     */
    private static <T> List<T> freeze(List<T> l) {
        switch (l.size()) {
            case 2:
                return List.of(l.get(0), l.get(1));
            default:
                return List.copyOf(l);
        }
    }

    /**
     * Types the known headers of {@code fields}. Malformed("bad-header-value:Via", index) and the like when a
     * known header breaks its grammar; the offset is the field's index in the list.
     */
    public static DecodeResult<SipHeaders> of(List<HeaderField> fields) {
        ParseContext ctx = new ParseContext();
        Typing t = new Typing(List.copyOf(fields), Raw.of(fields));
        int bad = t.run(ctx);
        if (bad >= 0) {
            return DecodeResult.malformed(t.error.condition() + ":" + t.errorHeader, bad);
        }
        return DecodeResult.ok(new SipHeaders(t), fields.size());
    }

    /** For the parser: types the fields; on failure returns null and leaves the error in {@code t}. */
    static SipHeaders type(Typing t, ParseContext ctx) {
        return t.run(ctx) >= 0 ? null : new SipHeaders(t);
    }

    /** Every field, in order, as written. */
    public List<HeaderField> fields() {
        List<HeaderField> f = fields;
        if (f == null) {
            f = raw.fields();
            fields = f;
        }
        return f;
    }

    /** The values of every field called {@code name} (any case, compact or long form), in order. Unmodifiable. */
    public List<String> values(String name) {
        Raw r = raw;
        if (r == null) {
            String c = HeaderNames.canonical(name);
            List<String> out = new ArrayList<>(2);
            for (HeaderField f : fields()) {
                if (f.canonicalName().equalsIgnoreCase(c)) {
                    out.add(f.value());
                }
            }
            return Collections.unmodifiableList(out);
        }
        // straight from the parsed ranges: a String for each match only, no HeaderField for the others
        int id = HeaderNames.id(name);
        String c = id >= 0 ? null : HeaderNames.canonical(name);
        int i = r.next(0, id, c);
        if (i < 0) {
            return List.of();
        }
        String v = r.value(i);
        i = r.next(i + 1, id, c);
        if (i < 0) {
            return List.of(v);
        }
        List<String> out = new ArrayList<>(4);
        out.add(v);
        for (; i >= 0; i = r.next(i + 1, id, c)) {
            out.add(r.value(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** The value of the first field called {@code name}. */
    public Optional<String> first(String name) {
        Raw r = raw;
        if (r == null) {
            String c = HeaderNames.canonical(name);
            for (HeaderField f : fields()) {
                if (f.canonicalName().equalsIgnoreCase(c)) {
                    return Optional.of(f.value());
                }
            }
            return Optional.empty();
        }
        int id = HeaderNames.id(name);
        int i = r.next(0, id, id >= 0 ? null : HeaderNames.canonical(name));
        return i < 0 ? Optional.empty() : Optional.of(r.value(i));
    }

    public List<Via> via() {
        return t.vias;
    }

    /** The topmost Via (RFC 3261 §8.2.6.2, §17.2.3), or null. */
    public Via topVia() {
        return t.vias.isEmpty() ? null : t.vias.get(0);
    }

    public NameAddress from() {
        return t.from;
    }

    public NameAddress to() {
        return t.to;
    }

    public String callId() {
        return t.callId;
    }

    public CSeq cseq() {
        return t.cseq;
    }

    /** True when a Max-Forwards field is present, even with an out-of-range value. */
    public boolean hasMaxForwardsField() {
        return t.sawMaxForwards;
    }

    /** Max-Forwards, empty when absent or out of range (RFC 4475 §3.1.2.4). */
    public OptionalInt maxForwards() {
        return t.maxForwards < 0 ? OptionalInt.empty() : OptionalInt.of(t.maxForwards);
    }

    public OptionalInt contentLength() {
        return t.contentLength < 0 ? OptionalInt.empty() : OptionalInt.of(t.contentLength);
    }

    public Optional<MediaType> contentType() {
        return Optional.ofNullable(t.contentType);
    }

    /** RFC 3261 §10.2.2: "Contact: *" (remove all bindings). */
    public boolean contactStar() {
        return t.contactStar;
    }

    public List<NameAddress> contacts() {
        return t.contacts;
    }

    public List<NameAddress> routes() {
        return t.routes;
    }

    public List<NameAddress> recordRoutes() {
        return t.recordRoutes;
    }

    /** Expires, empty when absent or out of range. */
    public OptionalLong expires() {
        return t.expires < 0 ? OptionalLong.empty() : OptionalLong.of(t.expires);
    }

    public List<AuthValue> authorization() {
        return t.authorizations;
    }

    public List<AuthValue> proxyAuthorization() {
        return t.proxyAuthorizations;
    }

    public List<AuthValue> wwwAuthenticate() {
        return t.wwwAuthenticates;
    }

    public List<AuthValue> proxyAuthenticate() {
        return t.proxyAuthenticates;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipHeaders h && h.fields().equals(fields());
    }

    @Override
    public int hashCode() {
        return fields().hashCode();
    }

    /** Names only. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SipHeaders[");
        int n = raw != null ? raw.count : fields.size();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append(raw != null ? raw.name(i) : fields.get(i).name());
        }
        return b.append(']').toString();
    }

    /**
     * The header fields as the parser found them: names as written, and each value as a range of bytes
     * ({@code src[i]}, from {@code from[i]} to {@code to[i]}), ASCII or checked UTF-8: for a plain head that array
     * is a copy of the whole head, shared by every field; a folded value has an array of its own. Values are
     * already unfolded and trimmed (RFC 3261 §7.3.1).
     */
    static final class Raw {
        // small arrays instead of one per column: names[i] as written, only for a name that is not one of
        // HeaderNames' usual spellings (made on the first such name: a usual message has none; the canonical name
        // is asked for only on an error or a look-up of a header without an id: HeaderNames.canonical then);
        // pos[4i] from, pos[4i+1] to, pos[4i+2] the field's offset in the input (for errors), pos[4i+3] the
        // HeaderNames.K_ constant the typing pass dispatches on (bits 0-7), the header id plus one (bits 8-15) and
        // the index of its spelling in HeaderNames' table plus one (bits 16-24; 0 when names[i] has the name)
        private String[] names;
        private int[] pos = new int[64];
        private byte[][] own;   // made only when some value has an array of its own (folded), else null
        // bit id set when a field of header id id (HeaderNames.id) is here: set by the typing pass, which reads each
        // field's tag anyway (Typing.run), before the SipHeaders that holds this Raw in a final field is made
        long present;
        // first[id]: the index of the first field of header id id (capped at 127: a scan goes on from there), for
        // each id in present; set with it
        byte[] first;
        byte[] head;            // the bytes of every value without an array of its own
        int count;
        boolean ascii;          // true when the parser found every value plain ASCII

        /**
         * Adds a field whose value is {@code b[a, z)}; {@code b} null: the range is in {@link #head}, set later.
         * {@code tag}: its K_ constant and header id, as {@link HeaderNames#tag} makes them, and the index of its
         * spelling plus one at bit 16 when {@code name} is null (a usual spelling: {@link HeaderNames#find}).
         */
        void add(String name, int tag, byte[] b, int a, int z, int offset) {
            int capacity = pos.length >> 2;
            if (count == capacity) {
                pos = java.util.Arrays.copyOf(pos, pos.length * 2);
                if (names != null) {
                    names = java.util.Arrays.copyOf(names, capacity * 2);
                }
                if (own != null) {
                    own = java.util.Arrays.copyOf(own, capacity * 2);
                }
                capacity *= 2;
            }
            if (b != null && own == null) {
                own = new byte[capacity][];
            }
            if (own != null) {
                own[count] = b;
            }
            if (name != null) {
                if (names == null) {
                    names = new String[capacity];
                }
                names[count] = name;
            }
            pos[4 * count] = a;
            pos[4 * count + 1] = z;
            pos[4 * count + 2] = offset;
            pos[4 * count + 3] = tag;
            count++;
        }

        /**
         * The index of the first field from {@code i} on of header id {@code id} ({@link HeaderNames#id}), or,
         * when {@code id} is -1, of the first field without an id whose canonical name is {@code c} in any case
         * (a name with no id cannot equal one with an id in any case: it would have that id); -1 when none.
         */
        int next(int i, int id, String c) {
            if (id >= 0) {
                if ((present & 1L << id) == 0) {
                    return -1; // the usual answer for a header the message lacks, without a look at any field
                }
                if (i == 0) {
                    i = first[id]; // where the first such field is (or, past 127 fields, where to look from)
                }
                int want = id + 1;
                for (; i < count; i++) {
                    if ((pos[4 * i + 3] >>> 8 & 0xff) == want) {
                        return i;
                    }
                }
                return -1;
            }
            for (; i < count; i++) {
                // a name without an id is its own canonical name (HeaderNames.canonical)
                if ((pos[4 * i + 3] >>> 8 & 0xff) == 0 && name(i).equalsIgnoreCase(c)) {
                    return i;
                }
            }
            return -1;
        }

        String name(int i) {
            int h = (pos[4 * i + 3] >>> 16) - 1;
            return h >= 0 ? HeaderNames.spelling(h) : names[i];
        }

        String canonical(int i) {
            return HeaderNames.canonical(name(i));
        }

        /** True when field i's value is a range of {@link #head}. */
        boolean inHead(int i) {
            return own == null || own[i] == null;
        }

        byte[] src(int i) {
            return own == null || own[i] == null ? head : own[i];
        }

        int from(int i) {
            return pos[4 * i];
        }

        int to(int i) {
            return pos[4 * i + 1];
        }

        int offset(int i) {
            return pos[4 * i + 2];
        }

        int kind(int i) {
            return pos[4 * i + 3] & 0xff;
        }

        static Raw of(List<HeaderField> fields) {
            Raw r = new Raw();
            for (HeaderField f : fields) {
                byte[] v = f.value().getBytes(StandardCharsets.UTF_8);
                String c = f.canonicalName();
                r.add(f.name(), HeaderNames.tag(c), v, 0, v.length, r.count);
            }
            return r;
        }

        /** The value of field i, as {@link HeaderField#value()} has it. */
        String value(int i) {
            byte[] b = src(i);
            int a = from(i);
            // ISO-8859-1 maps each ASCII byte to its char with no check for non-ASCII bytes: the parser knows
            return ascii ? Lex.ascii(b, a, to(i)) : Lex.str(b, a, to(i));
        }

        List<HeaderField> fields() {
            HeaderField[] out = new HeaderField[count];
            for (int i = 0; i < count; i++) {
                out[i] = new HeaderField(name(i), value(i));
            }
            return List.of(out);
        }
    }

    /** The typing pass; package-private so the parser can read the error without an exception. */
    static final class Typing {
        final List<HeaderField> fields;
        final Raw raw;
        // the lists start as the empty List.of() (stores made as the object is made, which need no GC write
        // barrier) and become a List.of their one element or an ArrayList of more (append)
        List<Via> vias = List.of();
        NameAddress from;
        NameAddress to;
        String callId;
        CSeq cseq;
        int maxForwards = -1;
        int contentLength = -1;
        MediaType contentType;
        boolean contactStar;
        boolean sawContact;     // a Contact that is not "*"
        List<NameAddress> contacts = List.of();
        List<NameAddress> routes = List.of();
        List<NameAddress> recordRoutes = List.of();
        long expires = -1;
        List<AuthValue> authorizations = List.of();
        List<AuthValue> proxyAuthorizations = List.of();
        List<AuthValue> wwwAuthenticates = List.of();
        List<AuthValue> proxyAuthenticates = List.of();
        boolean sawMaxForwards;
        boolean sawExpires;
        int contentLengthCount;
        SipError error;
        String errorHeader;
        int errorIndex = -1;

        /** {@code fields} is null for parsed headers: they are made from {@code raw} when asked for. */
        Typing(List<HeaderField> fields, Raw raw) {
            this.fields = fields;
            this.raw = raw;
        }

        /** Returns the index of the first bad field, or -1. */
        int run(ParseContext ctx) {
            Raw r = raw;
            long present = 0;
            byte[] first = new byte[64];
            for (int i = 0; i < r.count; i++) {
                int tag = r.pos[4 * i + 3];
                int id1 = tag >>> 8 & 0xff; // id + 1: no bit for a name without an id
                long bit = (1L << id1) >>> 1;
                if ((present & bit) == 0 && bit != 0) {
                    present |= bit;
                    first[id1 - 1] = (byte) Math.min(i, 127);
                }
                SipError e = one(tag & 0xff, r.src(i), r.from(i), r.to(i), ctx);
                if (e != null) {
                    error = e;
                    errorHeader = r.canonical(i);
                    errorIndex = i;
                    return i;
                }
            }
            r.present = present;
            r.first = first;
            return -1;
        }

        /** Types the value {@code v[a..z)} of a field of the given kind ({@link HeaderNames#kind}). */
        private SipError one(int kind, byte[] v, int a, int z, ParseContext ctx) {
            switch (kind) {
                case HeaderNames.K_VIA:
                    return elements(HeaderNames.K_VIA, v, a, z, ctx);
                case HeaderNames.K_FROM:
                    if (from != null) {
                        return SipError.DUPLICATE_HEADER;
                    }
                    from = HeaderParser.nameAddress(v, a, z, false, ctx);
                    return from == null ? SipError.BAD_HEADER_VALUE : null;
                case HeaderNames.K_TO:
                    if (to != null) {
                        return SipError.DUPLICATE_HEADER;
                    }
                    to = HeaderParser.nameAddress(v, a, z, false, ctx);
                    return to == null ? SipError.BAD_HEADER_VALUE : null;
                case HeaderNames.K_CALL_ID:
                    if (callId != null) {
                        return SipError.DUPLICATE_HEADER;
                    }
                    if (!HeaderParser.isCallId(v, a, z)) {
                        return SipError.BAD_HEADER_VALUE;
                    }
                    callId = Lex.ascii(v, a, z); // words are ASCII
                    return null;
                case HeaderNames.K_CSEQ:
                    if (cseq != null) {
                        return SipError.DUPLICATE_HEADER;
                    }
                    cseq = HeaderParser.cseq(v, a, z);
                    return cseq == null ? SipError.BAD_HEADER_VALUE : null;
                case HeaderNames.K_MAX_FORWARDS: {
                    if (sawMaxForwards) {
                        return SipError.DUPLICATE_HEADER;
                    }
                    sawMaxForwards = true;
                    if (!allDigits(v, a, z)) {
                        return SipError.BAD_HEADER_VALUE;
                    }
                    long mf = Lex.digits(v, a, z, 255);
                    if (mf < 0) {
                        // RFC 4475 §3.1.2.4: may be processed as if the field were absent
                        ctx.flag(SipViolation.MAX_FORWARDS_OUT_OF_RANGE);
                    } else {
                        maxForwards = (int) mf;
                    }
                    return null;
                }
                case HeaderNames.K_CONTENT_LENGTH: {
                    // RFC 4475 §3.1.2.3, §3.3.9: negative, non-numeric or repeated lengths break framing
                    if (++contentLengthCount > 1) {
                        return SipError.BAD_CONTENT_LENGTH;
                    }
                    long cl = allDigits(v, a, z) ? Lex.digits(v, a, z, Integer.MAX_VALUE) : -1;
                    if (cl < 0) {
                        return SipError.BAD_CONTENT_LENGTH;
                    }
                    contentLength = (int) cl;
                    return null;
                }
                case HeaderNames.K_CONTENT_TYPE:
                    if (contentType != null) {
                        return SipError.DUPLICATE_HEADER;
                    }
                    contentType = HeaderParser.mediaType(v, a, z, ctx);
                    return contentType == null ? SipError.BAD_HEADER_VALUE : null;
                case HeaderNames.K_CONTACT:
                    if (z - a == 1 && v[a] == '*') {
                        if (contactStar || sawContact) {
                            return SipError.BAD_HEADER_VALUE;
                        }
                        contactStar = true;
                        return null;
                    }
                    if (contactStar) {
                        return SipError.BAD_HEADER_VALUE;
                    }
                    sawContact = true;
                    return elements(HeaderNames.K_CONTACT, v, a, z, ctx);
                case HeaderNames.K_ROUTE:
                    return elements(HeaderNames.K_ROUTE, v, a, z, ctx);
                case HeaderNames.K_RECORD_ROUTE:
                    return elements(HeaderNames.K_RECORD_ROUTE, v, a, z, ctx);
                case HeaderNames.K_EXPIRES: {
                    if (sawExpires) {
                        return SipError.DUPLICATE_HEADER;
                    }
                    sawExpires = true;
                    if (!allDigits(v, a, z)) {
                        return SipError.BAD_HEADER_VALUE;
                    }
                    long ex = Lex.digits(v, a, z, CSeq.MAX);
                    if (ex < 0) {
                        // RFC 4475 §3.1.2.4: treat as the default expiration
                        ctx.flag(SipViolation.EXPIRES_OUT_OF_RANGE);
                    } else {
                        expires = ex;
                    }
                    return null;
                }
                case HeaderNames.K_AUTHORIZATION: {
                    AuthValue av = HeaderParser.auth(v, a, z, ctx);
                    authorizations = av == null ? authorizations : append(authorizations, av);
                    return av == null ? SipError.BAD_HEADER_VALUE : null;
                }
                case HeaderNames.K_PROXY_AUTHORIZATION: {
                    AuthValue av = HeaderParser.auth(v, a, z, ctx);
                    proxyAuthorizations = av == null ? proxyAuthorizations : append(proxyAuthorizations, av);
                    return av == null ? SipError.BAD_HEADER_VALUE : null;
                }
                case HeaderNames.K_WWW_AUTHENTICATE: {
                    AuthValue av = HeaderParser.auth(v, a, z, ctx);
                    wwwAuthenticates = av == null ? wwwAuthenticates : append(wwwAuthenticates, av);
                    return av == null ? SipError.BAD_HEADER_VALUE : null;
                }
                case HeaderNames.K_PROXY_AUTHENTICATE: {
                    AuthValue av = HeaderParser.auth(v, a, z, ctx);
                    proxyAuthenticates = av == null ? proxyAuthenticates : append(proxyAuthenticates, av);
                    return av == null ? SipError.BAD_HEADER_VALUE : null;
                }
                case HeaderNames.K_DATE:
                    // RFC 3261 §20.17: rfc1123-date ends in "GMT"; other zones are tolerated, flagged (RFC 4475 §3.1.2.12)
                    if (z - a < 4 || !Lex.same(v, z - 4, z, " GMT")) {
                        ctx.flag(SipViolation.DATE_NOT_GMT);
                    }
                    return null;
                default:
                    return null;
            }
        }

        /**
         * Types each comma-separated element of a Via, Contact, Route or Record-Route value (RFC 3261 §7.3.1: commas
         * inside quoted strings and angle brackets do not separate; an empty element or an unbalanced quote is an
         * error).
         */
        private SipError elements(int kind, byte[] v, int a, int z, ParseContext ctx) {
            // Usually one element: the whole value is parsed as one first, with no scan for commas. No element's
            // grammar accepts a comma outside quoted strings and angle brackets (via-parm, name-addr, addr-spec and
            // their parameters: RFC 3261 §25.1), so a value with more than one element never parses whole; then,
            // if it has a comma, the context is put back as it was and the value split as below.
            int violations = ctx.violations();
            int mark = ctx.mark();
            int wx = Lex.skipWs(v, a, z);
            int wy = z;
            while (wy > wx && Lex.isWsp(v[wy - 1])) {
                wy--;
            }
            if (wx < wy && element(kind, v, wx, wy, ctx)) {
                return null;
            }
            if (Lex.indexOf(v, ',', a, z) < 0) {
                return SipError.BAD_HEADER_VALUE;
            }
            ctx.rewind(violations, mark);
            boolean commas = true;
            int start = a;
            while (true) {
                int e = commas ? HeaderParser.elementEnd(v, start, z) : z;
                if (e < 0) {
                    return SipError.BAD_HEADER_VALUE;
                }
                int x = Lex.skipWs(v, start, e);
                int y = e;
                while (y > x && Lex.isWsp(v[y - 1])) {
                    y--;
                }
                if (x == y || !element(kind, v, x, y, ctx)) {
                    return SipError.BAD_HEADER_VALUE;
                }
                if (e == z) {
                    return null;
                }
                start = e + 1;
            }
        }

        private boolean element(int kind, byte[] v, int x, int y, ParseContext ctx) {
            switch (kind) {
                case HeaderNames.K_VIA: {
                    Via via = HeaderParser.via(v, x, y, ctx);
                    if (via == null) {
                        return false;
                    }
                    vias = append(vias, via);
                    return true;
                }
                case HeaderNames.K_CONTACT: {
                    NameAddress na = HeaderParser.contact(v, x, y, ctx);
                    if (na == null) {
                        return false;
                    }
                    contacts = append(contacts, na);
                    return true;
                }
                default: {
                    // route-param = name-addr *( SEMI rr-param ): the brackets are mandatory (RFC 3261 §20.30, §20.34)
                    NameAddress na = HeaderParser.nameAddress(v, x, y, true, ctx);
                    if (na == null) {
                        return false;
                    }
                    if (kind == HeaderNames.K_ROUTE) {
                        routes = append(routes, na);
                    } else {
                        recordRoutes = append(recordRoutes, na);
                    }
                    return true;
                }
            }
        }

        /**
         * {@code l} with {@code x} added: the first element makes an immutable List.of (kept as the frozen list
         * when no other comes: most messages have one Via, one Contact...), the second an ArrayList.
         */
        private static <T> List<T> append(List<T> l, T x) {
            if (l.isEmpty()) {
                return List.of(x);
            }
            if (!(l instanceof ArrayList)) {
                List<T> more = new ArrayList<>(4);
                more.add(l.get(0));
                more.add(x);
                return more;
            }
            l.add(x);
            return l;
        }

        private static boolean allDigits(byte[] v, int a, int z) {
            if (a >= z) {
                return false;
            }
            for (int i = a; i < z; i++) {
                if (!Lex.isDigit(v[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
