package dev.sotto.codecs.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed parsers for header values (RFC 3261 §20, grammar of §25.1). Every method takes a value range of an
 * unfolded header value and returns null when the value breaks the grammar; none throws.
 */
final class HeaderParser {

    private HeaderParser() {
    }

    /**
     * Calls {@code sink} for each comma-separated element of [from, to), skipping commas inside quoted strings
     * and angle brackets (RFC 3261 §7.3.1). Returns false on an empty element or an unbalanced quote.
     */
    static boolean splitCommas(String s, int from, int to, ElementSink sink) {
        int comma = Lex.indexOf(s, ',', from, to);
        if (comma < 0 || comma >= to) {
            // the usual case: one element, no comma anywhere (quotes are checked by the element's parser)
            int a = Lex.skipWs(s, from, to);
            int b = to;
            while (b > a && Lex.isWsp(s.charAt(b - 1))) {
                b--;
            }
            return a < b && sink.element(a, b);
        }
        int start = from;
        int i = from;
        boolean angle = false;
        while (i <= to) {
            if (i == to || (!angle && s.charAt(i) == ',')) {
                int a = Lex.skipWs(s, start, i);
                int b = i;
                while (b > a && Lex.isWsp(s.charAt(b - 1))) {
                    b--;
                }
                if (a == b || !sink.element(a, b)) {
                    return false;
                }
                start = i + 1;
                i++;
                continue;
            }
            char c = s.charAt(i);
            if (c == '"') {
                int q = Lex.quotedString(s, i, to);
                if (q < 0) {
                    return false;
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
        return true;
    }

    /** Receives one element of a comma-separated header value. */
    interface ElementSink {
        boolean element(int from, int to);
    }

    /**
     * Parses {@code *( SEMI generic-param )} from {@code i}; SEMI = SWS ";" SWS, EQUAL = SWS "=" SWS
     * (RFC 3261 §25.1). gen-value = token / host / quoted-string. Null on a violation.
     */
    static Parameters params(String s, int i, int to, ParseContext ctx) {
        List<Parameter> out = null;
        while (true) {
            i = Lex.skipWs(s, i, to);
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ';') {
                return null;
            }
            i = Lex.skipWs(s, i + 1, to);
            int ne = Lex.run(s, i, to, Lex.TOKEN);
            if (ne == i) {
                return null;
            }
            String name = s.substring(i, ne);
            i = Lex.skipWs(s, ne, to);
            String value = null;
            if (i < to && s.charAt(i) == '=') {
                i = Lex.skipWs(s, i + 1, to);
                int ve = genValue(s, i, to, ctx);
                if (ve < 0) {
                    return null;
                }
                value = s.substring(i, ve);
                i = ve;
            }
            if (out == null) {
                out = new ArrayList<>(4);
            }
            out.add(new Parameter(name, value));
        }
        return out == null ? Parameters.NONE : new Parameters(out);
    }

    /** End of a gen-value at i (token / IPv6reference / quoted-string), or -1. */
    private static int genValue(String s, int i, int to, ParseContext ctx) {
        if (i >= to) {
            return -1;
        }
        char c = s.charAt(i);
        if (c == '"') {
            return Lex.quotedString(s, i, to);
        }
        if (c == '[') {
            int close = Lex.indexOf(s, ']', i, to);
            if (close < 0 || close >= to || !Hosts.ipv6(s, i + 1, close, ctx)) {
                return -1;
            }
            return close + 1;
        }
        int e = Lex.run(s, i, to, Lex.TOKEN);
        return e == i ? -1 : e;
    }

    /** A name-addr or addr-spec with parameters (From, To, Contact, Route). */
    static NameAddress nameAddress(String s, int from, int to, boolean angleRequired, ParseContext ctx) {
        int i = Lex.skipWs(s, from, to);
        if (i >= to) {
            return null;
        }
        String display = null;
        int laquot;
        if (s.charAt(i) == '"') {
            int q = Lex.quotedString(s, i, to);
            if (q < 0) {
                return null;
            }
            display = Lex.unquote(s.substring(i, q));
            laquot = Lex.skipWs(s, q, to);
            if (laquot >= to || s.charAt(laquot) != '<') {
                return null;
            }
        } else {
            // display-name = *(token LWS): a run of tokens and spaces that ends at "<"
            int j = i;
            while (j < to && (Lex.is(s.charAt(j), Lex.TOKEN) || Lex.isWsp(s.charAt(j)))) {
                j++;
            }
            if (j < to && s.charAt(j) == '<') {
                int e = j;
                while (e > i && Lex.isWsp(s.charAt(e - 1))) {
                    e--;
                }
                if (e > i) {
                    display = s.substring(i, e);
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
            if (close < 0 || close >= to) {
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
                char c = s.charAt(e);
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
        return new NameAddress(display, uri, ps);
    }

    /** A Contact value: name-addr/addr-spec with contact-params (RFC 3261 §20.10). */
    static NameAddress contact(String s, int from, int to, ParseContext ctx) {
        NameAddress na = nameAddress(s, from, to, false, ctx);
        if (na == null) {
            return null;
        }
        // c-p-q = "q" EQUAL qvalue; qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        String q = na.params().get("q").orElse(null);
        if (na.params().has("q") && (q == null || !isQvalue(q))) {
            return null;
        }
        String exp = na.params().get("expires").orElse(null);
        if (na.params().has("expires") && (exp == null || Lex.digits(exp, 0, exp.length(), Long.MAX_VALUE) < 0)) {
            // RFC 4475 §3.1.2.4: an over-large expires is an aberrant scalar; only digits are required here
            if (exp == null || !allDigits(exp)) {
                return null;
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

    /** One Via value (RFC 3261 §20.42, §25.1 via-parm). */
    static Via via(String s, int from, int to, ParseContext ctx) {
        int i = Lex.skipWs(s, from, to);
        int e = Lex.run(s, i, to, Lex.TOKEN);
        if (e == i) {
            return null;
        }
        String name = common(s, i, e);
        i = slash(s, e, to);
        if (i < 0) {
            return null;
        }
        e = Lex.run(s, i, to, Lex.TOKEN);
        if (e == i) {
            return null;
        }
        String version = common(s, i, e);
        i = slash(s, e, to);
        if (i < 0) {
            return null;
        }
        e = Lex.run(s, i, to, Lex.TOKEN);
        if (e == i) {
            return null;
        }
        String transport = common(s, i, e);
        i = Lex.skipWs(s, e, to);
        if (i == e) {
            return null; // LWS required before sent-by
        }
        int hostEnd;
        if (i < to && s.charAt(i) == '[') {
            int close = Lex.indexOf(s, ']', i, to);
            if (close < 0 || close >= to) {
                return null;
            }
            hostEnd = close + 1;
        } else {
            hostEnd = Lex.run(s, i, to, Lex.HOST);
        }
        if (Hosts.host(s, i, hostEnd, ctx) == Hosts.INVALID) {
            return null;
        }
        String host = s.substring(i, hostEnd);
        i = Lex.skipWs(s, hostEnd, to);
        int port = -1;
        if (i < to && s.charAt(i) == ':') {
            i = Lex.skipWs(s, i + 1, to);
            int pe = i;
            while (pe < to && Lex.isDigit(s.charAt(pe))) {
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
        return new Via(name, version, transport, host, port, ps);
    }

    private static final String[] COMMON = {"SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS"};

    /** s[from, to) as a shared constant when it is one of the usual sent-protocol parts. */
    private static String common(String s, int from, int to) {
        for (String c : COMMON) {
            if (c.length() == to - from && s.regionMatches(from, c, 0, c.length())) {
                return c;
            }
        }
        return s.substring(from, to);
    }

    private static int slash(String s, int i, int to) {
        i = Lex.skipWs(s, i, to);
        if (i >= to || s.charAt(i) != '/') {
            return -1;
        }
        return Lex.skipWs(s, i + 1, to);
    }

    // via-params = via-ttl / via-maddr / via-received / via-branch / via-extension (RFC 3261 §25.1, RFC 3581)
    private static Parameters viaParams(String s, int i, int to, ParseContext ctx) {
        List<Parameter> out = new ArrayList<>(3);
        while (true) {
            i = Lex.skipWs(s, i, to);
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ';') {
                return null;
            }
            i = Lex.skipWs(s, i + 1, to);
            int ne = Lex.run(s, i, to, Lex.TOKEN);
            if (ne == i) {
                return null;
            }
            String name = s.substring(i, ne);
            i = Lex.skipWs(s, ne, to);
            String value = null;
            if (i < to && s.charAt(i) == '=') {
                i = Lex.skipWs(s, i + 1, to);
                int ve;
                if (name.equalsIgnoreCase("received")) {
                    ve = i;
                    while (ve < to && (Lex.is(s.charAt(ve), Lex.TOKEN) || s.charAt(ve) == ':' || s.charAt(ve) == '['
                            || s.charAt(ve) == ']')) {
                        ve++;
                    }
                } else {
                    ve = genValue(s, i, to, ctx);
                }
                if (ve <= i) {
                    return null;
                }
                value = s.substring(i, ve);
                i = ve;
            }
            if (!validViaParam(name, value, ctx)) {
                return null;
            }
            out.add(new Parameter(name, value));
        }
        return out.isEmpty() ? Parameters.NONE : new Parameters(out);
    }

    private static boolean validViaParam(String name, String value, ParseContext ctx) {
        if (name.equalsIgnoreCase("branch")) {
            if (value == null || !Lex.isToken(value)) {
                return false;
            }
            if (value.equals(Via.MAGIC_COOKIE)) {
                ctx.flag(SipViolation.BRANCH_WITHOUT_ID);
            }
            return true;
        }
        if (name.equalsIgnoreCase("received")) {
            // via-received = "received" EQUAL (IPv4address / IPv6address); RFC 5118 §4.5: accept "[...]" too
            if (value == null) {
                return false;
            }
            if (Hosts.isIpv4(value, 0, value.length()) || Hosts.ipv6(value, 0, value.length(), ctx)) {
                return true;
            }
            if (value.length() > 2 && value.charAt(0) == '[' && value.charAt(value.length() - 1) == ']'
                    && Hosts.ipv6(value, 1, value.length() - 1, ctx)) {
                ctx.flag(SipViolation.BRACKETED_VIA_RECEIVED);
                return true;
            }
            return false;
        }
        if (name.equalsIgnoreCase("ttl")) {
            return value != null && value.length() <= 3 && Lex.digits(value, 0, value.length(), 255) >= 0;
        }
        if (name.equalsIgnoreCase("maddr")) {
            return value != null && Hosts.host(value, 0, value.length(), ctx) != Hosts.INVALID;
        }
        if (name.equalsIgnoreCase("rport")) {
            return value == null || Lex.digits(value, 0, value.length(), 65535) >= 0;
        }
        return true;
    }

    /** CSeq = 1*DIGIT LWS Method; null when the number exceeds 2^32-1 (RFC 4475 §3.1.2.4). */
    static CSeq cseq(String s, int from, int to) {
        int i = Lex.skipWs(s, from, to);
        int e = i;
        while (e < to && Lex.isDigit(s.charAt(e))) {
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
        return new CSeq(n, s.substring(m, me));
    }

    /** callid = word [ "@" word ] (RFC 3261 §25.1); returns false when it is not. */
    static boolean isCallId(String v, int a, int n) {
        int e = Lex.run(v, a, n, Lex.WORD);
        if (e == a) {
            return false;
        }
        if (e == n) {
            return true;
        }
        if (v.charAt(e) != '@') {
            return false;
        }
        int e2 = Lex.run(v, e + 1, n, Lex.WORD);
        return e2 > e + 1 && e2 == n;
    }

    /** m-type SLASH m-subtype *(SEMI m-parameter) (RFC 3261 §20.15). */
    static MediaType mediaType(String s, int from, int to, ParseContext ctx) {
        int i = Lex.skipWs(s, from, to);
        int e = Lex.run(s, i, to, Lex.TOKEN);
        if (e == i) {
            return null;
        }
        String type = s.substring(i, e);
        i = slash(s, e, to);
        if (i < 0) {
            return null;
        }
        e = Lex.run(s, i, to, Lex.TOKEN);
        if (e == i) {
            return null;
        }
        String subtype = s.substring(i, e);
        Parameters ps = params(s, e, to, ctx);
        return ps == null ? null : new MediaType(type, subtype, ps);
    }

    /**
     * credentials / challenge (RFC 3261 §25.1): auth-scheme LWS auth-param *(COMMA auth-param), with
     * auth-param = auth-param-name EQUAL ( token / quoted-string ).
     */
    static AuthValue auth(String s, int from, int to) {
        int i = Lex.skipWs(s, from, to);
        int e = Lex.run(s, i, to, Lex.TOKEN);
        if (e == i) {
            return null;
        }
        String scheme = s.substring(i, e);
        i = Lex.skipWs(s, e, to);
        if (i == e || i == to) {
            return null;
        }
        List<Parameter> out = new ArrayList<>(8);
        while (true) {
            int ne = Lex.run(s, i, to, Lex.TOKEN);
            if (ne == i) {
                return null;
            }
            String name = s.substring(i, ne);
            i = Lex.skipWs(s, ne, to);
            if (i >= to || s.charAt(i) != '=') {
                return null;
            }
            i = Lex.skipWs(s, i + 1, to);
            int ve;
            if (i < to && s.charAt(i) == '"') {
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
            out.add(new Parameter(name, s.substring(i, ve)));
            i = Lex.skipWs(s, ve, to);
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ',') {
                return null;
            }
            i = Lex.skipWs(s, i + 1, to);
        }
        return new AuthValue(scheme, new Parameters(out));
    }
}
