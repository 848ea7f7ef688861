package dev.sotto.codecs.sip;

import java.nio.charset.StandardCharsets;

/**
 * Host syntax of RFC 3261 §25.1 (hostname / IPv4address / IPv6reference), with RFC 5118 tolerances. Works on
 * the bytes of the message (see {@link Lex}: every character of a valid host is ASCII).
 */
final class Hosts {

    static final int INVALID = 0;
    static final int HOSTNAME = 1;
    static final int IPV4 = 2;
    static final int IPV6 = 3;

    private Hosts() {
    }

    /** {@link #host(byte[], int, int, ParseContext)} of a whole String (values built in code). */
    static int host(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return host(b, 0, b.length, null);
    }

    /**
     * The kind of host in [from, to), or INVALID. An IPv6 reference must carry its brackets. {@code ctx} may be
     * null when tolerated violations are of no interest (validation of values built in code).
     */
    static int host(byte[] s, int from, int to, ParseContext ctx) {
        if (from >= to) {
            return INVALID;
        }
        if (s[from] == '[') {
            if (s[to - 1] != ']') {
                return INVALID;
            }
            return ipv6(s, from + 1, to - 1, ctx) ? IPV6 : INVALID;
        }
        // an IPv4address ends in a digit; a hostname (whose toplabel starts with ALPHA) usually does not
        if (Lex.isDigit(s[to - 1]) && isIpv4(s, from, to)) {
            return IPV4;
        }
        return isHostname(s, from, to) ? HOSTNAME : INVALID;
    }

    /**
     * The end of the host that starts at {@code from} (a hostname or IPv4address: a run of alphanum / "-" / "."),
     * checked as {@link #host} checks it, in one pass for the usual hostname; -1 when it is not a valid host.
     * Brackets (IPv6 references) are the caller's business.
     */
    static int hostRun(byte[] s, int from, int to) {
        int labelStart = from;
        byte prev = '.';
        boolean valid = true;  // as a hostname so far (labels neither empty nor starting or ending in "-")
        int i = from;
        for (; i < to; i++) {
            if (i + 8 <= to) {
                // most bytes of a host are alphanumerics: skip a run of them eight at a time
                int n = Lex.alnumPrefix(s, i);
                if (n > 0) {
                    i += n;
                    prev = s[i - 1];
                    if (i >= to) {
                        break;
                    }
                }
            }
            byte c = s[i];
            if (Lex.is(c, Lex.ALNUM)) {
                prev = c;
                continue;
            }
            if (c == '.') {
                if (prev == '.' || prev == '-') {
                    valid = false;
                }
                labelStart = i + 1;
            } else if (c == '-') {
                if (prev == '.') {
                    valid = false;
                }
            } else {
                break;
            }
            prev = c;
        }
        if (i == from) {
            return -1;
        }
        if (Lex.isDigit(s[i - 1]) && isIpv4(s, from, i)) {
            return i;
        }
        if (prev == '.') {
            return isHostname(s, from, i) ? i : -1; // a trailing "." (RFC 3261 §25.1 hostname allows one)
        }
        return valid && prev != '-' && Lex.isAlpha(s[labelStart]) ? i : -1;
    }

    static boolean isIpv4(byte[] s, int from, int to) {
        int parts = 0;
        int i = from;
        while (i <= to) {
            int j = i;
            int v = 0;
            while (j < to && Lex.isDigit(s[j]) && j - i < 3) {
                v = v * 10 + (s[j] - '0');
                j++;
            }
            if (j == i || v > 255) {
                return false;
            }
            parts++;
            if (j == to) {
                return parts == 4;
            }
            if (s[j] != '.' || parts == 4) {
                return false;
            }
            i = j + 1;
        }
        return false;
    }

    // RFC 3261 §25.1: hostname = *( domainlabel "." ) toplabel [ "." ]; domainlabel and toplabel are alphanum
    // runs with inner "-"; toplabel starts with ALPHA
    static boolean isHostname(byte[] s, int from, int to) {
        if (to > from && s[to - 1] == '.') {
            to--;
        }
        if (from >= to) {
            return false;
        }
        int labelStart = from;
        byte prev = '.'; // as if a label had just ended: a first "." or "-" is then refused
        for (int i = from; i < to; i++) {
            byte c = s[i];
            if (c == '.') {
                if (prev == '.' || prev == '-') {
                    return false; // empty label, or one that ends in "-"
                }
                labelStart = i + 1;
            } else if (c == '-') {
                if (prev == '.') {
                    return false; // a label that starts with "-"
                }
            } else if (!Lex.is(c, Lex.HOST)) {
                return false;
            }
            prev = c;
        }
        return prev != '-' && prev != '.' && Lex.isAlpha(s[labelStart]);
    }

    /** The first ":::" that lies wholly in [from, to), or -1. */
    private static int triple(byte[] s, int from, int to) {
        for (int i = from; i + 3 <= to; i++) {
            if (s[i] == ':' && s[i + 1] == ':' && s[i + 2] == ':') {
                return i;
            }
        }
        return -1;
    }

    /** IPv6address of RFC 4291 §2.2 in [from, to); tolerates RFC 5118 §4.10's ":::" before an IPv4 tail. */
    static boolean ipv6(byte[] s, int from, int to, ParseContext ctx) {
        if (strictIpv6(s, from, to)) {
            return true;
        }
        int triple = triple(s, from, to);
        int another = triple < 0 ? -1 : triple(s, triple + 1, to);
        if (triple >= 0 && triple + 3 < to && another < 0) {
            // RFC 5118 §4.10: "2001:db8:::192.0.2.1" follows RFC 3261's ABNF bug; accept it, flag it.
            byte[] fixed = new byte[to - from - 1];
            System.arraycopy(s, from, fixed, 0, triple - from);
            System.arraycopy(s, triple + 1, fixed, triple - from, to - triple - 1);
            if (isIpv4(s, triple + 3, to) && strictIpv6(fixed, 0, fixed.length)) {
                if (ctx != null) {
                    ctx.flag(SipViolation.IPV6_EXTRA_COLON);
                }
                return true;
            }
        }
        return false;
    }

    static boolean strictIpv6(byte[] s, int from, int to) {
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (to - from >= 2 && s[from] == ':' && s[from + 1] == ':') {
            compressed = true;
            i += 2;
        } else if (i < to && s[i] == ':') {
            return false;
        }
        while (i < to) {
            int j = i;
            while (j < to && Lex.isHex(s[j])) {
                j++;
            }
            if (j < to && s[j] == '.') {
                if (!isIpv4(s, i, to)) {
                    return false;
                }
                groups += 2;
                i = to;
                break;
            }
            if (j == i || j - i > 4) {
                return false;
            }
            groups++;
            i = j;
            if (i == to) {
                break;
            }
            if (s[i] != ':') {
                return false;
            }
            i++;
            if (i < to && s[i] == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            } else if (i == to) {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }
}
