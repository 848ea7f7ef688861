package dev.sotto.codecs.sip;

import java.nio.charset.StandardCharsets;

/**
 * Typed parsers for header values (RFC 3261 §20, grammar of §25.1). Every method takes a range of an unfolded
 * header value, as bytes of the message (ASCII or checked UTF-8; see {@link Lex} for why scanning bytes finds
 * what scanning chars would), and returns null when the value breaks the grammar; none throws.
 */
final class HeaderParser {

    private HeaderParser() {
    }

    /**
     * The end of the comma-separated element that starts at {@code from} in [from, to): the next comma outside
     * quoted strings and angle brackets, or {@code to} (RFC 3261 §7.3.1); -1 on an unbalanced quote.
     */
    static int elementEnd(byte[] s, int from, int to) {
        int i = from;
        boolean angle = false;
        while (i < to) {
            byte c = s[i];
            if (c == ',' && !angle) {
                return i;
            }
            if (c == '"') {
                int q = Lex.quotedString(s, i, to);
                if (q < 0) {
                    return -1;
                }
                i = q;
                continue;
            }
            if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            }
            i++;
        }
        return to;
    }

    /**
     * Parses {@code *( SEMI generic-param )} from {@code i}; SEMI = SWS ";" SWS, EQUAL = SWS "=" SWS
     * (RFC 3261 §25.1). gen-value = token / host / quoted-string. Null on a violation.
     */
    static Parameters params(byte[] s, int i, int to, ParseContext ctx) {
        int mark = ctx.mark();
        int tagAt = -1; // the index of the first tag parameter (From, To: RFC 3261 §19.3), which NameAddress.tag() reads
        while (true) {
            i = Lex.skipWs(s, i, to);
            if (i == to) {
                break;
            }
            if (s[i] != ';') {
                return null;
            }
            i = Lex.skipWs(s, i + 1, to);
            int ne = Lex.run(s, i, to, Lex.TOKEN);
            if (ne == i) {
                return null;
            }
            int na = i;
            i = Lex.skipWs(s, ne, to);
            int va = -1;
            int vb = -1;
            if (i < to && s[i] == '=') {
                i = Lex.skipWs(s, i + 1, to);
                int ve = genValue(s, i, to, ctx);
                if (ve < 0) {
                    return null;
                }
                va = i;
                vb = ve;
                i = ve;
            }
            if (tagAt < 0 && ne - na == 3 && (s[na] | 0x20) == 't' && (s[na + 1] | 0x20) == 'a'
                    && (s[na + 2] | 0x20) == 'g') {
                tagAt = (ctx.mark() - mark) >> 2; // "tag" in any case, as Parameters compares names
            }
            ctx.param(na, ne, va, vb); // the Strings are made when asked for (Parameters)
        }
        return ctx.params(s, mark, tagAt);
    }

    /** End of a gen-value at i (token / IPv6reference / quoted-string), or -1. */
    private static int genValue(byte[] s, int i, int to, ParseContext ctx) {
        if (i >= to) {
            return -1;
        }
        byte c = s[i];
        if (c == '"') {
            return Lex.quotedString(s, i, to);
        }
        if (c == '[') {
            int close = Lex.indexOf(s, ']', i, to);
            if (close < 0 || !Hosts.ipv6(s, i + 1, close, ctx)) {
                return -1;
            }
            return close + 1;
        }
        int e = Lex.run(s, i, to, Lex.TOKEN);
        return e == i ? -1 : e;
    }

    /** For tests and values built in code: {@link #nameAddress(byte[], int, int, boolean, ParseContext)}. */
    static NameAddress nameAddress(String s, int from, int to, boolean angleRequired, ParseContext ctx) {
        byte[] b = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
        return nameAddress(b, 0, b.length, angleRequired, ctx);
    }

    /** A name-addr or addr-spec with parameters (From, To, Contact, Route). */
    static NameAddress nameAddress(byte[] s, int from, int to, boolean angleRequired, ParseContext ctx) {
        int i = Lex.skipWs(s, from, to);
        if (i >= to) {
            return null;
        }
        String display = null;
        int laquot;
        if (s[i] == '"') {
            int q = Lex.quotedString(s, i, to);
            if (q < 0) {
                return null;
            }
            display = Lex.unquote(s, i, q);
            laquot = Lex.skipWs(s, q, to);
            if (laquot >= to || s[laquot] != '<') {
                return null;
            }
        } else {
            // display-name = *(token LWS): a run of tokens and spaces that ends at "<"
            int j = i;
            while (j < to && (Lex.is(s[j], Lex.TOKEN) || Lex.isWsp(s[j]))) {
                j++;
            }
            if (j < to && s[j] == '<') {
                int e = j;
                while (e > i && Lex.isWsp(s[e - 1])) {
                    e--;
                }
                if (e > i) {
                    display = Lex.ascii(s, i, e); // tokens and LWS
                    if (e == j) {
                        ctx.flag(SipViolation.NO_LWS_BEFORE_LAQUOT);
                    }
                }
                laquot = j;
            } else {
                laquot = -1;
            }
        }
        Uri uri;
        int after;
        if (laquot >= 0) {
            // LAQUOT = SWS "<"; RAQUOT = ">" SWS: no space inside the brackets (RFC 4475 §3.1.2.14)
            int close = Lex.indexOf(s, '>', laquot + 1, to);
            if (close < 0) {
                return null;
            }
            uri = UriParser.parse(s, laquot + 1, close, ctx);
            after = close + 1;
        } else {
            if (angleRequired) {
                return null;
            }
            // addr-spec form: the URI ends at the first ";" or space; "?" or "," would need "<>" (§20.10)
            int e = i;
            while (e < to) {
                byte c = s[e];
                if (c == ';' || Lex.isWsp(c)) {
                    break;
                }
                if (c == '?' || c == ',') {
                    return null;
                }
                e++;
            }
            uri = UriParser.parse(s, i, e, ctx);
            after = e;
        }
        if (uri == null) {
            return null;
        }
        Parameters ps = params(s, after, to, ctx);
        if (ps == null) {
            return null;
        }
        return NameAddress.parsed(display, uri, ps);
    }

    /** A Contact value: name-addr/addr-spec with contact-params (RFC 3261 §20.10). */
    static NameAddress contact(byte[] s, int from, int to, ParseContext ctx) {
        NameAddress na = nameAddress(s, from, to, false, ctx);
        if (na == null) {
            return null;
        }
        // c-p-q = "q" EQUAL qvalue; qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        Parameters ps = na.params();
        if (ps.has("q")) {
            String q = ps.value("q");
            if (q == null || !isQvalue(q)) {
                return null;
            }
        }
        if (ps.has("expires")) {
            // RFC 4475 §3.1.2.4: an over-large expires is an aberrant scalar; only digits are required here
            long d = ps.digits("expires", Long.MAX_VALUE);
            if (d == -1 || (d == -2 && !allDigits(ps.value("expires")))) {
                return null; // valueless, or not 1*DIGIT
            }
        }
        return na;
    }

    private static boolean allDigits(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!Lex.isDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isQvalue(String q) {
        int n = q.length();
        if (n == 0 || (q.charAt(0) != '0' && q.charAt(0) != '1')) {
            return false;
        }
        if (n == 1) {
            return true;
        }
        if (q.charAt(1) != '.' || n > 5) {
            return false;
        }
        for (int i = 2; i < n; i++) {
            char c = q.charAt(i);
            if (q.charAt(0) == '1' ? c != '0' : !Lex.isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** For tests and values built in code: {@link #via(byte[], int, int, ParseContext)}. */
    static Via via(String s, int from, int to, ParseContext ctx) {
        byte[] b = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
        return via(b, 0, b.length, ctx);
    }

    /** One Via value (RFC 3261 §20.42, §25.1 via-parm). */
    static Via via(byte[] s, int from, int to, ParseContext ctx) {
        int i = Lex.skipWs(s, from, to);
        String name;
        String version;
        int e;
        if (i + 8 <= to && Lex.same(s, i, i + 8, "SIP/2.0/")) {
            // the sent-protocol as every element writes it: the general path below reads the same two words
            name = "SIP";
            version = "2.0";
            i += 8;
        } else {
            e = Lex.run(s, i, to, Lex.TOKEN);
            if (e == i) {
                return null;
            }
            name = Lex.word(s, i, e);
            i = slash(s, e, to);
            if (i < 0) {
                return null;
            }
            e = Lex.run(s, i, to, Lex.TOKEN);
            if (e == i) {
                return null;
            }
            version = Lex.word(s, i, e);
            i = slash(s, e, to);
            if (i < 0) {
                return null;
            }
        }
        e = Lex.run(s, i, to, Lex.TOKEN);
        if (e == i) {
            return null;
        }
        String transport = Lex.word(s, i, e);
        i = Lex.skipWs(s, e, to);
        if (i == e) {
            return null; // LWS required before sent-by
        }
        int hostEnd;
        if (i < to && s[i] == '[') {
            int close = Lex.indexOf(s, ']', i, to);
            if (close < 0) {
                return null;
            }
            hostEnd = close + 1;
            if (Hosts.host(s, i, hostEnd, ctx) == Hosts.INVALID) {
                return null;
            }
        } else {
            hostEnd = Hosts.hostRun(s, i, to); // scanned and checked in one pass
            if (hostEnd < 0) {
                return null;
            }
        }
        String host = Lex.ascii(s, i, hostEnd);
        i = Lex.skipWs(s, hostEnd, to);
        int port = -1;
        if (i < to && s[i] == ':') {
            i = Lex.skipWs(s, i + 1, to);
            int pe = i;
            while (pe < to && Lex.isDigit(s[pe])) {
                pe++;
            }
            long p = Lex.digits(s, i, pe, 65535);
            if (p < 0) {
                return null;
            }
            port = (int) p;
            i = pe;
        }
        Parameters ps = viaParams(s, i, to, ctx);
        if (ps == null) {
            return null;
        }
        return Via.parsed(name, version, transport, host, port, ps, ctx.viaBranch, ctx.viaReceived, ctx.viaRport);
    }

    private static int slash(byte[] s, int i, int to) {
        i = Lex.skipWs(s, i, to);
        if (i >= to || s[i] != '/') {
            return -1;
        }
        return Lex.skipWs(s, i + 1, to);
    }

    // via-params = via-ttl / via-maddr / via-received / via-branch / via-extension (RFC 3261 §25.1, RFC 3581)
    private static Parameters viaParams(byte[] s, int i, int to, ParseContext ctx) {
        int mark = ctx.mark();
        ctx.viaBranch = -1;
        ctx.viaReceived = -1;
        ctx.viaRport = -1;
        while (true) {
            i = Lex.skipWs(s, i, to);
            if (i == to) {
                break;
            }
            if (s[i] != ';') {
                return null;
            }
            i = Lex.skipWs(s, i + 1, to);
            int ne = Lex.run(s, i, to, Lex.TOKEN);
            if (ne == i) {
                return null;
            }
            int kind = viaParamKind(s, i, ne);
            int na = i;
            i = Lex.skipWs(s, ne, to);
            int va = -1;
            int vb = -1;
            if (i < to && s[i] == '=') {
                i = Lex.skipWs(s, i + 1, to);
                int ve;
                if (kind == RECEIVED) {
                    ve = i;
                    while (ve < to && (Lex.is(s[ve], Lex.TOKEN) || s[ve] == ':' || s[ve] == '[' || s[ve] == ']')) {
                        ve++;
                    }
                } else {
                    ve = genValue(s, i, to, ctx);
                }
                if (ve <= i) {
                    return null;
                }
                if (!validViaParam(kind, s, i, ve, ctx)) {
                    return null;
                }
                va = i;
                vb = ve;
                i = ve;
            } else if (kind == BRANCH || kind == RECEIVED || kind == TTL || kind == MADDR) {
                return null; // these need a value
            }
            // the first of each, as Parameters' look-up by name finds it (names compare ignoring ASCII case there
            // and in viaParamKind alike: a token is ASCII), so Via's getters need no look-up
            int k = (ctx.mark() - mark) >> 2;
            if (kind == BRANCH && ctx.viaBranch < 0) {
                ctx.viaBranch = k;
            } else if (kind == RECEIVED && ctx.viaReceived < 0) {
                ctx.viaReceived = k;
            } else if (kind == RPORT && ctx.viaRport < 0) {
                ctx.viaRport = k;
            }
            ctx.param(na, ne, va, vb);
        }
        return ctx.params(s, mark);
    }

    private static final int OTHER = 0;
    private static final int BRANCH = 1;
    private static final int RECEIVED = 2;
    private static final int TTL = 3;
    private static final int MADDR = 4;
    private static final int RPORT = 5;

    private static int viaParamKind(byte[] s, int a, int z) {
        if (Lex.sameIgnoreCase(s, a, z, "branch")) {
            return BRANCH;
        }
        if (Lex.sameIgnoreCase(s, a, z, "received")) {
            return RECEIVED;
        }
        if (Lex.sameIgnoreCase(s, a, z, "rport")) {
            return RPORT;
        }
        if (Lex.sameIgnoreCase(s, a, z, "ttl")) {
            return TTL;
        }
        if (Lex.sameIgnoreCase(s, a, z, "maddr")) {
            return MADDR;
        }
        return OTHER;
    }

    /** The value s[a, z) of a via parameter of the given kind (RFC 3261 §25.1, RFC 3581, RFC 5118 §4.5). */
    private static boolean validViaParam(int kind, byte[] s, int a, int z, ParseContext ctx) {
        switch (kind) {
            case BRANCH:
                // branch = token: genValue ended a value that starts with neither a quote nor "[" at the end of
                // its token run, so only those two forms need refusing
                if (s[a] == '"' || s[a] == '[') {
                    return false;
                }
                if (Lex.same(s, a, z, Via.MAGIC_COOKIE)) {
                    ctx.flag(SipViolation.BRANCH_WITHOUT_ID);
                }
                return true;
            case RECEIVED:
                // via-received = "received" EQUAL (IPv4address / IPv6address); RFC 5118 §4.5: accept "[...]" too
                if (Hosts.isIpv4(s, a, z) || Hosts.ipv6(s, a, z, ctx)) {
                    return true;
                }
                if (z - a > 2 && s[a] == '[' && s[z - 1] == ']' && Hosts.ipv6(s, a + 1, z - 1, ctx)) {
                    ctx.flag(SipViolation.BRACKETED_VIA_RECEIVED);
                    return true;
                }
                return false;
            case TTL:
                return z - a <= 3 && Lex.digits(s, a, z, 255) >= 0;
            case MADDR:
                return Hosts.host(s, a, z, ctx) != Hosts.INVALID;
            case RPORT:
                return Lex.digits(s, a, z, 65535) >= 0;
            default:
                return true;
        }
    }

    /** CSeq = 1*DIGIT LWS Method; null when the number exceeds 2^32-1 (RFC 4475 §3.1.2.4). */
    static CSeq cseq(byte[] s, int from, int to) {
        int i = Lex.skipWs(s, from, to);
        int e = i;
        while (e < to && Lex.isDigit(s[e])) {
            e++;
        }
        long n = Lex.digits(s, i, e, CSeq.MAX);
        if (n < 0) {
            return null;
        }
        int m = Lex.skipWs(s, e, to);
        if (m == e) {
            return null;
        }
        int me = Lex.run(s, m, to, Lex.TOKEN);
        if (me == m || Lex.skipWs(s, me, to) != to) {
            return null;
        }
        return new CSeq(n, HeaderNames.method(s, m, me - m));
    }

    /** callid = word [ "@" word ] (RFC 3261 §25.1); returns false when it is not. */
    static boolean isCallId(byte[] v, int a, int n) {
        int e = Lex.run(v, a, n, Lex.WORD);
        if (e == a) {
            return false;
        }
        if (e == n) {
            return true;
        }
        if (v[e] != '@') {
            return false;
        }
        int e2 = Lex.run(v, e + 1, n, Lex.WORD);
        return e2 > e + 1 && e2 == n;
    }

    /** m-type SLASH m-subtype *(SEMI m-parameter) (RFC 3261 §20.15). */
    static MediaType mediaType(byte[] s, int from, int to, ParseContext ctx) {
        int i = Lex.skipWs(s, from, to);
        int e = Lex.run(s, i, to, Lex.TOKEN);
        if (e == i) {
            return null;
        }
        String type = Lex.word(s, i, e);
        i = slash(s, e, to);
        if (i < 0) {
            return null;
        }
        e = Lex.run(s, i, to, Lex.TOKEN);
        if (e == i) {
            return null;
        }
        String subtype = Lex.word(s, i, e);
        Parameters ps = params(s, e, to, ctx);
        return ps == null ? null : new MediaType(type, subtype, ps);
    }

    /**
     * credentials / challenge (RFC 3261 §25.1): auth-scheme LWS auth-param *(COMMA auth-param), with
     * auth-param = auth-param-name EQUAL ( token / quoted-string ).
     */
    static AuthValue auth(byte[] s, int from, int to, ParseContext ctx) {
        int i = Lex.skipWs(s, from, to);
        int e = Lex.run(s, i, to, Lex.TOKEN);
        if (e == i) {
            return null;
        }
        String scheme = Lex.word(s, i, e);
        i = Lex.skipWs(s, e, to);
        if (i == e || i == to) {
            return null;
        }
        int mark = ctx.mark();
        while (true) {
            int ne = Lex.run(s, i, to, Lex.TOKEN);
            if (ne == i) {
                return null;
            }
            int na = i;
            i = Lex.skipWs(s, ne, to);
            if (i >= to || s[i] != '=') {
                return null;
            }
            i = Lex.skipWs(s, i + 1, to);
            int ve;
            if (i < to && s[i] == '"') {
                ve = Lex.quotedString(s, i, to);
            } else {
                ve = Lex.run(s, i, to, Lex.TOKEN);
                if (ve == i) {
                    ve = -1;
                }
            }
            if (ve < 0) {
                return null;
            }
            ctx.param(na, ne, i, ve);
            i = Lex.skipWs(s, ve, to);
            if (i == to) {
                break;
            }
            if (s[i] != ',') {
                return null;
            }
            i = Lex.skipWs(s, i + 1, to);
        }
        return new AuthValue(scheme, ctx.params(s, mark));
    }
}
