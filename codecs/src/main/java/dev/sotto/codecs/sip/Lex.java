package dev.sotto.codecs.sip;

/**
 * Character classes and small scanners of the RFC 3261 §25.1 grammar. Scanners work on header values that
 * have already been unfolded (every LWS is a run of SP/HTAB) and return positions; they never throw.
 */
final class Lex {

    static final int TOKEN = 1;       // token
    static final int WORD = 1 << 1;   // word (Call-ID)
    static final int UNRESERVED = 1 << 2;
    static final int USER = 1 << 3;   // user: unreserved / user-unreserved
    static final int PASSWORD = 1 << 4;
    static final int PARAM = 1 << 5;  // paramchar minus escaped
    static final int HNV = 1 << 6;    // hname / hvalue chars minus escaped
    static final int URIC = 1 << 7;   // reserved / unreserved (absoluteURI)
    static final int HOST = 1 << 8;   // alphanum / "-" / "."
    static final int ALNUM = 1 << 9;  // alphanum

    // 256 entries so that a byte indexes it as (c & 0xff) with no range check; bytes >= 0x80 are in no class
    private static final int[] CLASS = new int[256];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            set(c, TOKEN | WORD | UNRESERVED | USER | PASSWORD | PARAM | HNV | URIC | HOST | ALNUM);
            set(Character.toUpperCase(c),
                    TOKEN | WORD | UNRESERVED | USER | PASSWORD | PARAM | HNV | URIC | HOST | ALNUM);
        }
        for (char c = '0'; c <= '9'; c++) {
            set(c, TOKEN | WORD | UNRESERVED | USER | PASSWORD | PARAM | HNV | URIC | HOST | ALNUM);
        }
        // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
        setAll("-.!%*_+`'~", TOKEN | WORD);
        // word adds ( ) < > : \ DQUOTE / [ ] ? { }
        setAll("()<>:\\\"/[]?{}", WORD);
        // mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
        setAll("-_.!~*'()", UNRESERVED | USER | PASSWORD | PARAM | HNV | URIC);
        // user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
        setAll("&=+$,;?/", USER);
        // password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
        setAll("&=+$,", PASSWORD);
        // param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
        setAll("[]/:&+$", PARAM);
        // hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"
        setAll("[]/?:+$", HNV);
        // reserved = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / ","
        setAll(";/?:@&=+$,", URIC);
        setAll("-.", HOST);
    }

    private Lex() {
    }

    private static void set(char c, int cls) {
        CLASS[c] |= cls;
    }

    private static void setAll(String chars, int cls) {
        for (int i = 0; i < chars.length(); i++) {
            set(chars.charAt(i), cls);
        }
    }

    static boolean is(char c, int cls) {
        return c < 128 && (CLASS[c] & cls) != 0;
    }

    static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static int hexValue(char c) {
        if (c <= '9') {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }

    /**
     * The first index of {@code c} in [from, to), or -1. Values are ranges of a larger text (the message head),
     * so a search must not run past the range.
     */
    static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Skips SP/HTAB (SWS after unfolding). */
    static int skipWs(String s, int i, int end) {
        while (i < end && isWsp(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of a run of chars of {@code cls} starting at i (i if none). */
    static int run(String s, int i, int end, int cls) {
        while (i < end && is(s.charAt(i), cls)) {
            i++;
        }
        return i;
    }

    /** End of a run of chars of {@code cls} or escaped (% HEX HEX); -1 on a broken escape. */
    static int escapedRun(String s, int i, int end, int cls) {
        while (i < end) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= end || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    return -1;
                }
                i += 3;
            } else if (is(c, cls)) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    static boolean allOf(String s, int cls) {
        return !s.isEmpty() && run(s, 0, s.length(), cls) == s.length();
    }

    /**
     * True when {@code s} is a token (RFC 3261 §25.1). One of our shared {@link #WORDS} (which the parser hands to
     * the checking constructors of CSeq, MediaType, AuthValue and SipRequest) is answered by identity, from the
     * check made once when the table was built, without a look at its chars.
     */
    static boolean isToken(String s) {
        int n = s.length();
        if (n > 0 && n <= 12) {
            for (int h = wordHash(s.charAt(0), s.charAt(n - 1), n); WORD_TABLE[h] != null; h = (h + 1) & 255) {
                if (WORD_TABLE[h] == s) {
                    return WORD_IS_TOKEN[h];
                }
            }
        }
        return allOf(s, TOKEN);
    }

    /**
     * End of the quoted-string that starts at i (s.charAt(i) == '"'), just after the closing quote; -1 if it
     * is not terminated or holds a forbidden quoted-pair (RFC 3261 §25.1: quoted-pair excludes CR and LF).
     */
    static int quotedString(String s, int i, int end) {
        i++;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= end) {
                    return -1;
                }
                char n = s.charAt(i + 1);
                if (n == '\r' || n == '\n') {
                    return -1;
                }
                i += 2;
            } else if (c == '\r' || c == '\n') {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The content of a quoted-string (with quotes) with its quoted-pairs resolved. */
    static String unquote(String quoted) {
        if (quoted.length() < 2 || quoted.charAt(0) != '"') {
            return quoted;
        }
        if (quoted.indexOf('\\') < 0) {
            return quoted.substring(1, quoted.length() - 1); // no quoted-pair: the content as it is
        }
        StringBuilder b = new StringBuilder(quoted.length());
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                c = quoted.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** A quoted-string for {@code text}; quotes, backslashes and controls become quoted-pairs. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    /** Resolves % HEX HEX escapes (as UTF-8 bytes). The input has been checked by {@link #escapedRun}. */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out[n++] = (byte) (hexValue(s.charAt(i + 1)) << 4 | hexValue(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] u = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (byte x : u) {
                    out[n++] = x;
                }
            }
        }
        return new String(out, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    // Byte forms of the scanners. The parser types header values straight from the bytes of the message (ASCII
    // or checked UTF-8, RFC 3261 §7.3.1): every delimiter of the grammar is ASCII and no byte of a multi-byte
    // UTF-8 sequence is, so scanning bytes finds the same positions as scanning the decoded chars, and a range
    // between two delimiters decodes (UTF-8) to the same text as the String form's substring.

    static boolean is(byte c, int cls) {
        return (CLASS[c & 0xff] & cls) != 0;
    }

    static boolean isWsp(byte c) {
        return c == ' ' || c == '\t';
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * The text of s[from, to), a range the grammar allows only ASCII characters in (a token, a host, a URI part,
     * a Call-ID word): each byte is its char, so the String is a plain copy with no decoding to do.
     */
    @SuppressWarnings("deprecation") // String(byte[], int hibyte, int, int) is exactly "each byte is a char"
    static String ascii(byte[] s, int from, int to) {
        return from == to ? "" : new String(s, 0, from, to - from);
    }

    /** The text of s[from, to), a range between delimiters of checked UTF-8. */
    static String str(byte[] s, int from, int to) {
        if (from == to) {
            return ""; // an empty quoted-string (opaque="") and the like
        }
        return new String(s, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    static int indexOf(byte[] s, char c, int from, int to) {
        int i = from;
        // eight bytes at a time (SWAR): the searches run over whole values (a comma, the ">" of a name-addr)
        long pattern = 0x0101010101010101L * (c & 0xff);
        while (i + 8 <= to) {
            long x = (long) LONGS.get(s, i) ^ pattern;
            long z = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (z != 0) {
                return i + (Long.numberOfTrailingZeros(z) >>> 3);
            }
            i += 8;
        }
        for (; i < to; i++) {
            if (s[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** {@link #alnumPrefix(long)} of the eight bytes at {@code s[i]} (the caller checks that there are eight). */
    static int alnumPrefix(byte[] s, int i) {
        return alnumPrefix((long) LONGS.get(s, i));
    }

    /**
     * How many of the eight bytes of {@code x} (little-endian: the first byte lowest), from the first, are ASCII
     * letters or digits. SWAR: with every byte below 0x80, adding {@code 0x80 - lo} to each byte sets its high bit
     * exactly when the byte is at least {@code lo}, and no sum carries into the next byte.
     */
    static int alnumPrefix(long x) {
        if ((x & HIGHS) != 0) {
            return 0; // a non-ASCII byte somewhere: the caller goes byte by byte
        }
        long lower = x | (ONES * 0x20); // letters of either case become lower case (digits keep their value)
        long digit = (x + ONES * (0x80 - '0')) & ~(x + ONES * (0x80 - '9' - 1));
        long letter = (lower + ONES * (0x80 - 'a')) & ~(lower + ONES * (0x80 - 'z' - 1));
        long bad = ~(digit | letter) & HIGHS;
        return bad == 0 ? 8 : Long.numberOfTrailingZeros(bad) >>> 3;
    }

    static int skipWs(byte[] s, int i, int end) {
        while (i < end && (s[i] == ' ' || s[i] == '\t')) {
            i++;
        }
        return i;
    }

    static int run(byte[] s, int i, int end, int cls) {
        // every class holds the alphanumerics, most of any run (tags, branches, Call-IDs): eight at a time
        while (i + 8 <= end) {
            int n = alnumPrefix((long) LONGS.get(s, i));
            i += n;
            if (n < 8) {
                if ((CLASS[s[i] & 0xff] & cls) == 0) {
                    return i;
                }
                i++; // another byte of the class ("-", ".", "@"...): go on
            }
        }
        while (i < end && (CLASS[s[i] & 0xff] & cls) != 0) {
            i++;
        }
        return i;
    }

    static int escapedRun(byte[] s, int i, int end, int cls) {
        while (i < end) {
            byte c = s[i];
            if (c == '%') {
                if (i + 2 >= end || !isHex(s[i + 1]) || !isHex(s[i + 2])) {
                    return -1;
                }
                i += 3;
            } else if ((CLASS[c & 0xff] & cls) != 0) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    static boolean isToken(byte[] s, int from, int to) {
        return from < to && run(s, from, to, TOKEN) == to;
    }

    static int quotedString(byte[] s, int i, int end) {
        i++;
        while (i < end) {
            byte c = s[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= end) {
                    return -1;
                }
                byte n = s[i + 1];
                if (n == '\r' || n == '\n') {
                    return -1;
                }
                i += 2;
            } else if (c == '\r' || c == '\n') {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** {@link #unquote(String)} of the quoted-string s[from, to) (quotes included). */
    static String unquote(byte[] s, int from, int to) {
        if (to - from < 2 || s[from] != '"') {
            return str(s, from, to);
        }
        int last = to - 1;
        if (indexOf(s, '\\', from + 1, last) < 0) {
            return str(s, from + 1, last);
        }
        byte[] out = new byte[last - from - 1];
        int n = 0;
        for (int i = from + 1; i < last; i++) {
            byte c = s[i];
            if (c == '\\' && i + 1 < last) {
                c = s[++i];
            }
            out[n++] = c;
        }
        return new String(out, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    static long digits(byte[] s, int i, int end, long max) {
        if (i >= end) {
            return -1;
        }
        long v = 0;
        for (int k = i; k < end; k++) {
            byte c = s[k];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > max) {
                return -1;
            }
        }
        return v;
    }

    // Words that recur in nearly every message (parameter names, transports, Digest parameters): the parser
    // hands out these constants instead of a new String each time (exact case only; others are made as usual).
    private static final String[] WORDS = {
        "tag", "branch", "rport", "received", "lr", "transport", "expires", "q", "maddr", "ttl", "user", "method",
        "tls", "tcp", "udp", "ws", "wss", "sctp", "TLS", "TCP", "UDP", "phone", "ip", "application", "sdp",
        "Digest", "username", "realm", "nonce", "uri", "response", "opaque", "qop", "algorithm", "stale",
        "cnonce", "nc", "MD5", "\"auth\"", "auth", "FALSE", "TRUE", "false", "true", "\"\"", "SIP", "2.0", "SCTP", "WS", "WSS",
        // the methods of HeaderNames.method (the same interned literals), for isToken
        "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "INFO", "UPDATE", "PRACK", "SUBSCRIBE", "NOTIFY",
        "MESSAGE", "REFER", "PUBLISH",
    };
    private static final String[] WORD_TABLE = new String[256];
    private static final byte[][] WORD_BYTES = new byte[256][];
    private static final boolean[] WORD_IS_TOKEN = new boolean[256]; // allOf(WORD_TABLE[h], TOKEN), checked once

    static {
        for (String w : WORDS) {
            byte[] b = w.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int h = wordHash(b, 0, b.length);
            while (WORD_TABLE[h] != null) {
                h = (h + 1) & 255;
            }
            WORD_TABLE[h] = w;
            WORD_BYTES[h] = b;
            WORD_IS_TOKEN[h] = allOf(w, TOKEN);
        }
    }

    private static int wordHash(byte[] s, int from, int n) {
        return wordHash(s[from], s[from + n - 1], n);
    }

    private static int wordHash(int first, int last, int n) {
        return (n * 37 + first * 11 + last) & 255;
    }

    /** The text of s[from, to) (ASCII token or quoted-string chars), shared when it is one of {@link #WORDS}. */
    static String word(byte[] s, int from, int to) {
        int n = to - from;
        if (n > 0 && n <= 12) {
            // open addressing over a table a quarter full: usually one probe, then an empty slot
            for (int h = wordHash(s, from, n); WORD_TABLE[h] != null; h = (h + 1) & 255) {
                byte[] w = WORD_BYTES[h];
                if (w.length == n) {
                    int k = 0;
                    while (k < n && w[k] == s[from + k]) {
                        k++;
                    }
                    if (k == n) {
                        return WORD_TABLE[h];
                    }
                }
            }
        }
        return ascii(s, from, to); // every caller passes a token
    }

    /** True when s[from, to) holds exactly the ASCII text {@code k}. */
    static boolean same(byte[] s, int from, int to, String k) {
        int n = k.length();
        if (to - from != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s[from + i] != k.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Like {@link #same} but ASCII case-insensitive ({@code k} is lower case). */
    static boolean sameIgnoreCase(byte[] s, int from, int to, String k) {
        int n = k.length();
        if (to - from != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = s[from + i];
            if (c >= 'A' && c <= 'Z') {
                c |= 0x20;
            }
            if (c != k.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Parses 1*DIGIT in [i, end) as a non-negative long; -1 if not digits or above {@code max}. */
    static long digits(String s, int i, int end, long max) {
        if (i >= end) {
            return -1;
        }
        long v = 0;
        for (int k = i; k < end; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > max) {
                return -1;
            }
        }
        return v;
    }
}
