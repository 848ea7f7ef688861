package dev.sotto.codecs.sip;

/** Host syntax of RFC 3261 §25.1 (hostname / IPv4address / IPv6reference), with RFC 5118 tolerances. */
final class Hosts {

    static final int INVALID = 0;
    static final int HOSTNAME = 1;
    static final int IPV4 = 2;
    static final int IPV6 = 3;

    private Hosts() {
    }

    /**
     * The kind of host in [from, to), or INVALID. An IPv6 reference must carry its brackets. {@code ctx} may be
     * null when tolerated violations are of no interest (validation of values built in code).
     */
    static int host(String s, int from, int to, ParseContext ctx) {
        if (from >= to) {
            return INVALID;
        }
        if (s.charAt(from) == '[') {
            if (s.charAt(to - 1) != ']') {
                return INVALID;
            }
            return ipv6(s, from + 1, to - 1, ctx) ? IPV6 : INVALID;
        }
        if (isIpv4(s, from, to)) {
            return IPV4;
        }
        return isHostname(s, from, to) ? HOSTNAME : INVALID;
    }

    static boolean isIpv4(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (i <= to) {
            int j = i;
            int v = 0;
            while (j < to && Lex.isDigit(s.charAt(j)) && j - i < 3) {
                v = v * 10 + (s.charAt(j) - '0');
                j++;
            }
            if (j == i || v > 255) {
                return false;
            }
            parts++;
            if (j == to) {
                return parts == 4;
            }
            if (s.charAt(j) != '.' || parts == 4) {
                return false;
            }
            i = j + 1;
        }
        return false;
    }

    // RFC 3261 §25.1: hostname = *( domainlabel "." ) toplabel [ "." ]
    static boolean isHostname(String s, int from, int to) {
        if (to > from && s.charAt(to - 1) == '.') {
            to--;
        }
        if (from >= to) {
            return false;
        }
        int labelStart = from;
        int lastLabelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (i == labelStart || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                lastLabelStart = labelStart;
                labelStart = i + 1;
            } else {
                char c = s.charAt(i);
                if (!(Lex.isAlpha(c) || Lex.isDigit(c) || c == '-')) {
                    return false;
                }
            }
        }
        // toplabel starts with ALPHA
        return Lex.isAlpha(s.charAt(lastLabelStart));
    }

    /** IPv6address of RFC 4291 §2.2 in [from, to); tolerates RFC 5118 §4.10's ":::" before an IPv4 tail. */
    static boolean ipv6(String s, int from, int to, ParseContext ctx) {
        if (strictIpv6(s, from, to)) {
            return true;
        }
        int triple = s.indexOf(":::", from);
        int another = triple < 0 ? -1 : s.indexOf(":::", triple + 1);
        if (triple >= 0 && triple + 3 < to && (another < 0 || another + 3 > to)) {
            // RFC 5118 §4.10: "2001:db8:::192.0.2.1" follows RFC 3261's ABNF bug; accept it, flag it.
            String fixed = s.substring(from, triple) + s.substring(triple + 1, to);
            if (isIpv4(s, triple + 3, to) && strictIpv6(fixed, 0, fixed.length())) {
                if (ctx != null) {
                    ctx.flag(SipViolation.IPV6_EXTRA_COLON);
                }
                return true;
            }
        }
        return false;
    }

    static boolean strictIpv6(String s, int from, int to) {
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (to - from >= 2 && s.charAt(from) == ':' && s.charAt(from + 1) == ':') {
            compressed = true;
            i += 2;
        } else if (i < to && s.charAt(i) == ':') {
            return false;
        }
        while (i < to) {
            int j = i;
            while (j < to && Lex.isHex(s.charAt(j))) {
                j++;
            }
            if (j < to && s.charAt(j) == '.') {
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
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
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
