package dev.sotto.codecs.sip;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses the URI forms of RFC 3261 §19.1.1 / §25.1 and RFC 3966. Returns null on any grammar violation. Works on
 * the bytes of the message (see {@link Lex}); the String form encodes its argument as UTF-8 first.
 */
final class UriParser {

    private UriParser() {
    }

    static Uri parse(String s, ParseContext ctx) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length, ctx);
    }

    static Uri parse(byte[] s, int from, int to, ParseContext ctx) {
        if (to - from > 4 && (s[from] | 0x20) == 's' && (s[from + 1] | 0x20) == 'i' && (s[from + 2] | 0x20) == 'p') {
            // the usual schemes, as the general scan below would find them
            if (s[from + 3] == ':') {
                return parseSip(s, from + 4, to, false, ctx);
            }
            if ((s[from + 3] | 0x20) == 's' && s[from + 4] == ':') {
                return parseSip(s, from + 5, to, true, ctx);
            }
        }
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        if (from >= to || !Lex.isAlpha(s[from])) {
            return null;
        }
        int i = from + 1;
        while (i < to) {
            byte c = s[i];
            if (Lex.isAlpha(c) || Lex.isDigit(c) || c == '+' || c == '-' || c == '.') {
                i++;
            } else {
                break;
            }
        }
        if (i >= to || s[i] != ':') {
            return null;
        }
        int len = i - from;
        boolean sip = len >= 3 && (s[from] | 0x20) == 's' && (s[from + 1] | 0x20) == 'i' && (s[from + 2] | 0x20) == 'p';
        if (sip && len == 3) {
            return parseSip(s, i + 1, to, false, ctx);
        }
        if (sip && len == 4 && (s[from + 3] | 0x20) == 's') {
            return parseSip(s, i + 1, to, true, ctx);
        }
        if (Lex.sameIgnoreCase(s, from, i, "tel")) {
            return parseTel(s, i + 1, to);
        }
        // absoluteURI: hier-part / opaque-part, all uric (reserved / unreserved / escaped)
        if (i + 1 >= to || Lex.escapedRun(s, i + 1, to, Lex.URIC) != to) {
            return null;
        }
        return new AbsoluteUri(Lex.str(s, from, i), Lex.str(s, i + 1, to));
    }

    private static SipUri parseSip(byte[] s, int i, int to, boolean secure, ParseContext ctx) {
        String user = null;
        String password = null;
        // No '@' can occur after the userinfo (host, uri-parameters and headers exclude it), so the first
        // '@' ends the userinfo: RFC 3261 §25.1 userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"
        int at = Lex.indexOf(s, '@', i, to);
        if (at >= 0) {
            int ue = Lex.escapedRun(s, i, at, Lex.USER);
            if (ue <= i) {
                return null;
            }
            user = Lex.ascii(s, i, ue); // user, password and host chars are ASCII (§25.1)
            if (ue < at) {
                if (s[ue] != ':') {
                    return null;
                }
                int pe = Lex.escapedRun(s, ue + 1, at, Lex.PASSWORD);
                if (pe != at) {
                    return null;
                }
                password = Lex.ascii(s, ue + 1, at);
            }
            i = at + 1;
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
        i = hostEnd;
        int port = -1;
        if (i < to && s[i] == ':') {
            int pe = i + 1;
            while (pe < to && Lex.isDigit(s[pe])) {
                pe++;
            }
            long p = Lex.digits(s, i + 1, pe, 65535);
            if (p < 0) {
                return null;
            }
            port = (int) p;
            i = pe;
        }
        Parameters params = Parameters.NONE;
        if (i < to && s[i] == ';') {
            int mark = ctx.mark();
            while (i < to && s[i] == ';') {
                int ne = Lex.escapedRun(s, i + 1, to, Lex.PARAM);
                if (ne <= i + 1) {
                    return null;
                }
                int na = i + 1;
                int va = -1;
                int vb = -1;
                i = ne;
                if (i < to && s[i] == '=') {
                    int ve = Lex.escapedRun(s, i + 1, to, Lex.PARAM);
                    if (ve <= i + 1) {
                        return null;
                    }
                    va = i + 1;
                    vb = ve;
                    i = ve;
                }
                ctx.param(na, ne, va, vb);
            }
            params = ctx.params(s, mark);
        }
        List<Parameter> headers = List.of();
        if (i < to && s[i] == '?') {
            java.util.ArrayList<Parameter> hs = new java.util.ArrayList<>(2);
            do {
                int ne = Lex.escapedRun(s, i + 1, to, Lex.HNV);
                if (ne <= i + 1 || ne >= to || s[ne] != '=') {
                    return null;
                }
                int ve = Lex.escapedRun(s, ne + 1, to, Lex.HNV);
                if (ve < 0) {
                    return null;
                }
                hs.add(new Parameter(Lex.str(s, i + 1, ne), Lex.str(s, ne + 1, ve)));
                i = ve;
            } while (i < to && s[i] == '&');
            headers = List.copyOf(hs);
        }
        if (i != to) {
            return null;
        }
        return SipUri.parsed(secure, user, password, host, port, params, headers);
    }

    // RFC 3966 §3: telephone-subscriber *par; numbers use digits, hex (local), "*", "#" and visual separators
    private static TelUri parseTel(byte[] s, int i, int to) {
        int start = i;
        while (i < to) {
            byte c = s[i];
            if (Lex.isHex(c) || c == '+' || c == '*' || c == '#' || c == '-' || c == '.' || c == '(' || c == ')') {
                i++;
            } else {
                break;
            }
        }
        if (i == start || Lex.indexOf(s, '+', start + 1, i) >= 0) {
            return null;
        }
        String number = Lex.str(s, start, i);
        java.util.ArrayList<Parameter> params = new java.util.ArrayList<>(2);
        while (i < to && s[i] == ';') {
            int ne = Lex.escapedRun(s, i + 1, to, Lex.PARAM);
            if (ne <= i + 1) {
                return null;
            }
            String name = Lex.str(s, i + 1, ne);
            String value = null;
            i = ne;
            if (i < to && s[i] == '=') {
                int ve = Lex.escapedRun(s, i + 1, to, Lex.PARAM);
                if (ve <= i + 1) {
                    return null;
                }
                value = Lex.str(s, i + 1, ve);
                i = ve;
            }
            params.add(new Parameter(name, value));
        }
        if (i != to) {
            return null;
        }
        return new TelUri(number, new Parameters(params));
    }
}
