package dev.sotto.codecs.sip;

import java.util.ArrayList;
import java.util.List;

/** Parses the URI forms of RFC 3261 §19.1.1 / §25.1 and RFC 3966. Returns null on any grammar violation. */
final class UriParser {

    private UriParser() {
    }

    static Uri parse(String s, int from, int to, ParseContext ctx) {
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        if (from >= to || !Lex.isAlpha(s.charAt(from))) {
            return null;
        }
        int i = from + 1;
        while (i < to) {
            char c = s.charAt(i);
            if (Lex.isAlpha(c) || Lex.isDigit(c) || c == '+' || c == '-' || c == '.') {
                i++;
            } else {
                break;
            }
        }
        if (i >= to || s.charAt(i) != ':') {
            return null;
        }
        int len = i - from;
        boolean sip = len >= 3 && (s.charAt(from) | 0x20) == 's' && (s.charAt(from + 1) | 0x20) == 'i'
                && (s.charAt(from + 2) | 0x20) == 'p';
        if (sip && len == 3) {
            return parseSip(s, i + 1, to, false, ctx);
        }
        if (sip && len == 4 && (s.charAt(from + 3) | 0x20) == 's') {
            return parseSip(s, i + 1, to, true, ctx);
        }
        if (len == 3 && s.regionMatches(true, from, "tel", 0, 3)) {
            return parseTel(s, i + 1, to);
        }
        // absoluteURI: hier-part / opaque-part, all uric (reserved / unreserved / escaped)
        if (i + 1 >= to || Lex.escapedRun(s, i + 1, to, Lex.URIC) != to) {
            return null;
        }
        return new AbsoluteUri(s.substring(from, i), s.substring(i + 1, to));
    }

    private static SipUri parseSip(String s, int i, int to, boolean secure, ParseContext ctx) {
        String user = null;
        String password = null;
        // No '@' can occur after the userinfo (host, uri-parameters and headers exclude it), so the first
        // '@' ends the userinfo: RFC 3261 §25.1 userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"
        int at = Lex.indexOf(s, '@', i, to);
        if (at >= 0 && at < to) {
            int ue = Lex.escapedRun(s, i, at, Lex.USER);
            if (ue <= i) {
                return null;
            }
            user = s.substring(i, ue);
            if (ue < at) {
                if (s.charAt(ue) != ':') {
                    return null;
                }
                int pe = Lex.escapedRun(s, ue + 1, at, Lex.PASSWORD);
                if (pe != at) {
                    return null;
                }
                password = s.substring(ue + 1, at);
            }
            i = at + 1;
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
        i = hostEnd;
        int port = -1;
        if (i < to && s.charAt(i) == ':') {
            int pe = i + 1;
            while (pe < to && Lex.isDigit(s.charAt(pe))) {
                pe++;
            }
            long p = Lex.digits(s, i + 1, pe, 65535);
            if (p < 0) {
                return null;
            }
            port = (int) p;
            i = pe;
        }
        List<Parameter> params = null;
        while (i < to && s.charAt(i) == ';') {
            int ne = Lex.escapedRun(s, i + 1, to, Lex.PARAM);
            if (ne <= i + 1) {
                return null;
            }
            String name = s.substring(i + 1, ne);
            String value = null;
            i = ne;
            if (i < to && s.charAt(i) == '=') {
                int ve = Lex.escapedRun(s, i + 1, to, Lex.PARAM);
                if (ve <= i + 1) {
                    return null;
                }
                value = s.substring(i + 1, ve);
                i = ve;
            }
            if (params == null) {
                params = new ArrayList<>(4);
            }
            params.add(new Parameter(name, value));
        }
        List<Parameter> headers = List.of();
        if (i < to && s.charAt(i) == '?') {
            headers = new ArrayList<>(2);
            do {
                int ne = Lex.escapedRun(s, i + 1, to, Lex.HNV);
                if (ne <= i + 1 || ne >= to || s.charAt(ne) != '=') {
                    return null;
                }
                int ve = Lex.escapedRun(s, ne + 1, to, Lex.HNV);
                if (ve < 0) {
                    return null;
                }
                headers.add(new Parameter(s.substring(i + 1, ne), s.substring(ne + 1, ve)));
                i = ve;
            } while (i < to && s.charAt(i) == '&');
        }
        if (i != to) {
            return null;
        }
        return new SipUri(secure, user, password, host, port,
                params == null ? Parameters.NONE : new Parameters(params), headers);
    }

    // RFC 3966 §3: telephone-subscriber *par; numbers use digits, hex (local), "*", "#" and visual separators
    private static TelUri parseTel(String s, int i, int to) {
        int start = i;
        while (i < to) {
            char c = s.charAt(i);
            if (Lex.isHex(c) || c == '+' || c == '*' || c == '#' || c == '-' || c == '.' || c == '(' || c == ')') {
                i++;
            } else {
                break;
            }
        }
        if (i == start || Lex.indexOf(s, '+', start + 1, i) >= 0) {
            return null;
        }
        String number = s.substring(start, i);
        List<Parameter> params = new ArrayList<>(2);
        while (i < to && s.charAt(i) == ';') {
            int ne = Lex.escapedRun(s, i + 1, to, Lex.PARAM);
            if (ne <= i + 1) {
                return null;
            }
            String name = s.substring(i + 1, ne);
            String value = null;
            i = ne;
            if (i < to && s.charAt(i) == '=') {
                int ve = Lex.escapedRun(s, i + 1, to, Lex.PARAM);
                if (ve <= i + 1) {
                    return null;
                }
                value = s.substring(i + 1, ve);
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
