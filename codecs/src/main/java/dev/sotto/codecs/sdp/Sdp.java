package dev.sotto.codecs.sdp;

/** Character rules of RFC 8866 §9 shared by the SDP types. */
final class Sdp {

    private Sdp() {
    }

    // token-char = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`"
    //              / "{" / "|" / "}" / "~"
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`{|}~".indexOf(c) >= 0;
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** byte-string of RFC 8866: anything but NUL, CR and LF. */
    static boolean isLineText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    /** non-ws-string: VCHAR / %x80-FF, at least one. */
    static boolean isNonWs(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses 1*DIGIT no larger than max; -1 otherwise. */
    static long number(String s, long max) {
        if (!isDigits(s) || s.length() > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            v = v * 10 + (s.charAt(i) - '0');
            if (v > max || v < 0) {
                return -1;
            }
        }
        return v;
    }
}
