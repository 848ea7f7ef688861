package dev.sotto.codecs.sip;

/**
 * Canonical header names: field names are case-insensitive and some have compact forms (RFC 3261 §7.3.1,
 * §7.3.3, §20; RFC 3265 o/u, RFC 3515 r, RFC 3892 b, RFC 4028 x).
 */
public final class HeaderNames {

    public static final String ACCEPT = "Accept";
    public static final String ALLOW = "Allow";
    public static final String ALLOW_EVENTS = "Allow-Events";
    public static final String AUTHORIZATION = "Authorization";
    public static final String CALL_ID = "Call-ID";
    public static final String CONTACT = "Contact";
    public static final String CONTENT_ENCODING = "Content-Encoding";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CSEQ = "CSeq";
    public static final String DATE = "Date";
    public static final String EVENT = "Event";
    public static final String EXPIRES = "Expires";
    public static final String FROM = "From";
    public static final String MAX_FORWARDS = "Max-Forwards";
    public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
    public static final String RECORD_ROUTE = "Record-Route";
    public static final String REFER_TO = "Refer-To";
    public static final String REFERRED_BY = "Referred-By";
    public static final String ROUTE = "Route";
    public static final String SESSION_EXPIRES = "Session-Expires";
    public static final String SUBJECT = "Subject";
    public static final String SUPPORTED = "Supported";
    public static final String TO = "To";
    public static final String VIA = "Via";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    // The headers the typing pass parses (SipHeaders.Typing), as small ints so it dispatches without a String switch.
    static final int K_OTHER = 0;
    static final int K_VIA = 1;
    static final int K_FROM = 2;
    static final int K_TO = 3;
    static final int K_CALL_ID = 4;
    static final int K_CSEQ = 5;
    static final int K_MAX_FORWARDS = 6;
    static final int K_CONTENT_LENGTH = 7;
    static final int K_CONTENT_TYPE = 8;
    static final int K_CONTACT = 9;
    static final int K_ROUTE = 10;
    static final int K_RECORD_ROUTE = 11;
    static final int K_EXPIRES = 12;
    static final int K_AUTHORIZATION = 13;
    static final int K_PROXY_AUTHORIZATION = 14;
    static final int K_WWW_AUTHENTICATE = 15;
    static final int K_PROXY_AUTHENTICATE = 16;
    static final int K_DATE = 17;

    private static final String[] TYPED = {
        null, VIA, FROM, TO, CALL_ID, CSEQ, MAX_FORWARDS, CONTENT_LENGTH, CONTENT_TYPE, CONTACT, ROUTE, RECORD_ROUTE,
        EXPIRES, AUTHORIZATION, PROXY_AUTHORIZATION, WWW_AUTHENTICATE, PROXY_AUTHENTICATE, DATE,
    };

    /** The K_ constant of a canonical name ({@link #canonical}'s result: our constant for a known header). */
    static int kind(String canonical) {
        for (int k = 1; k < TYPED.length; k++) {
            if (TYPED[k] == canonical) {
                return k;
            }
        }
        return K_OTHER;
    }

    private static final String[] KNOWN = {
        ACCEPT, ALLOW, ALLOW_EVENTS, AUTHORIZATION, CALL_ID, CONTACT, CONTENT_ENCODING, CONTENT_LENGTH,
        CONTENT_TYPE, CSEQ, DATE, EVENT, EXPIRES, FROM, MAX_FORWARDS, PROXY_AUTHENTICATE, PROXY_AUTHORIZATION,
        RECORD_ROUTE, REFER_TO, REFERRED_BY, ROUTE, SESSION_EXPIRES, SUBJECT, SUPPORTED, TO, VIA,
        WWW_AUTHENTICATE,
    };

    private HeaderNames() {
    }

    /**
     * The canonical long form of {@code name} if we know it (compact forms expanded), else {@code name}
     * itself. The result of a known name is one of the constants of this class (compare with ==).
     */
    public static String canonical(String name) {
        if (name.length() == 1) {
            switch (name.charAt(0) | 0x20) {
                case 'i': return CALL_ID;
                case 'm': return CONTACT;
                case 'e': return CONTENT_ENCODING;
                case 'l': return CONTENT_LENGTH;
                case 'c': return CONTENT_TYPE;
                case 'f': return FROM;
                case 's': return SUBJECT;
                case 'k': return SUPPORTED;
                case 't': return TO;
                case 'v': return VIA;
                case 'o': return EVENT;
                case 'u': return ALLOW_EVENTS;
                case 'r': return REFER_TO;
                case 'b': return REFERRED_BY;
                case 'x': return SESSION_EXPIRES;
                default: return name;
            }
        }
        // the usual spellings (ours, the parser's, a caller's literal) are the very Strings of the table
        int h = lookup(name);
        if (h >= 0) {
            return CANONICAL[h];
        }
        for (String k : KNOWN) {
            if (k.length() == name.length() && k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return name;
    }

    /**
     * The table index of {@code name} when it is the very String of one of our usual spellings (a constant, the
     * parser's, or a caller's literal), else -1: then {@link #canonicalAt} and {@link #tagAt} answer at once.
     */
    static int lookup(String name) {
        int n = name.length();
        if (n == 0 || n >= 64) {
            return -1;
        }
        for (int h = hash(name); SPELLING[h] != null; h = (h + 1) & 255) {
            if (SPELLING[h] == name) {
                return h;
            }
        }
        return -1;
    }

    /**
     * The header id of {@code name} (any spelling, compact or long): a number below 64 for each known and common
     * header ({@link #KNOWN}, {@link #COMMON}), the same for every spelling of one header, so a {@code long} can
     * say which headers a message has; -1 for any other name.
     */
    static int id(String name) {
        int h = lookup(name);
        if (h >= 0) {
            return ID[h];
        }
        String c = canonical(name);
        h = lookup(c);
        if (h >= 0) {
            return ID[h]; // a known header in an unusual case
        }
        for (int i = 0; i < IDS.length; i++) {
            if (IDS[i].length() == c.length() && IDS[i].equalsIgnoreCase(c)) {
                return i; // a common header in an unusual case
            }
        }
        return -1;
    }

    /**
     * The K_ constant and the header id of the spelling at index {@code h} of {@link #find} in one int, as
     * {@link #tag(String)} makes it, so the parser reads one array for both.
     */
    static int tagAt(int h) {
        return KIND[h];
    }

    /** {@code kind | (id + 1) << 8} of a canonical name: its K_ constant ({@link #kind}) and id ({@link #id}). */
    static int tag(String canonical) {
        return kind(canonical) | (id(canonical) + 1) << 8;
    }

    /** True when the two field names name the same header. */
    public static boolean same(String a, String b) {
        return canonical(a).equalsIgnoreCase(canonical(b));
    }

    private static final String[] METHODS = {
        "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "INFO", "UPDATE", "PRACK", "SUBSCRIBE", "NOTIFY",
        "MESSAGE", "REFER", "PUBLISH",
    };

    /** The name in [off, off+len) (token bytes, checked by the caller), sharing our constant when it matches. */
    static String intern(byte[] b, int off, int len) {
        int h = find(b, off, len);
        if (h >= 0) {
            return SPELLING[h];
        }
        return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    // open addressing, a table about a quarter full: the usual spellings of every known name and compact form,
    // and of other headers common in real traffic (their canonical name is their name: see canonical())
    private static final String[] SPELLING = new String[256];
    private static final String[] CANONICAL = new String[256];
    private static final int[] KIND = new int[256];       // tag(CANONICAL[h]): the K_ constant and the id
    private static final byte[][] SPELLING_BYTES = new byte[256][];
    private static final int[] ID = new int[256];        // the header id of CANONICAL[h]

    /** Headers we keep verbatim but meet often: their usual spelling is shared like a known one's. */
    private static final String[] COMMON = {
        "User-Agent", "Server", "Require", "Proxy-Require", "Unsupported", "Organization", "Priority", "Warning",
        "Min-Expires", "Accept-Encoding", "Accept-Language", "Content-Disposition", "Content-Language",
        "MIME-Version", "Timestamp", "Reply-To", "In-Reply-To", "Retry-After", "Call-Info", "Alert-Info",
        "Error-Info", "Authentication-Info", "Path", "Service-Route", "P-Asserted-Identity", "Privacy",
        "Reason", "Subscription-State", "RSeq", "RAck", "Min-SE", "Identity",
    };

    private static int hash(int first, int second, int last, int len) {
        return (len * 31 + first * 7 + second * 3 + last * 5) & 255;
    }

    private static int hash(byte[] b, int off, int len) {
        return hash(b[off], len > 1 ? b[off + 1] : 0, b[off + len - 1], len);
    }

    private static int hash(String s) {
        int n = s.length();
        return hash(s.charAt(0), n > 1 ? s.charAt(1) : 0, s.charAt(n - 1), n);
    }

    /** The spelling at index {@code h} of {@link #find}. */
    static String spelling(int h) {
        return SPELLING[h];
    }

    /** The K_ constant of the spelling at index {@code h} of {@link #find}. */
    static int kindAt(int h) {
        return KIND[h] & 0xff;
    }

    /** The canonical name of the spelling at index {@code h} of {@link #find}. */
    static String canonicalAt(int h) {
        return CANONICAL[h];
    }

    /** True when {@code name} is one of our usual spellings (the very String, as the parser hands out). */
    static boolean isSpelling(String name) {
        return lookup(name) >= 0;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    // the first 16 bytes of each spelling as two little-endian longs, zero past its end: with 16 bytes of the input
    // at hand (a name is followed by its value, so usually there are), a candidate is checked with two compares
    private static final long[] SPELLING_LO = new long[256];
    private static final long[] SPELLING_HI = new long[256];

    /** The first {@code n} bytes (0..8) of {@code x}, the rest zero. */
    private static long low(long x, int n) {
        return n >= 8 ? x : x & ((1L << (n << 3)) - 1);
    }

    /** The index of the spelling in [off, off+len) in the table, or -1. */
    static int find(byte[] b, int off, int len) {
        if (len == 0) {
            return -1;
        }
        int h = hash(b, off, len);
        if (len <= 16 && off + 16 <= b.length) {
            long lo = low((long) LONGS.get(b, off), len);
            long hi = len <= 8 ? 0 : low((long) LONGS.get(b, off + 8), len - 8);
            for (; SPELLING[h] != null; h = (h + 1) & 255) {
                if (SPELLING_LO[h] == lo && SPELLING_HI[h] == hi && SPELLING_BYTES[h].length == len) {
                    return h;
                }
            }
            return -1;
        }
        for (; SPELLING[h] != null; h = (h + 1) & 255) {
            byte[] k = SPELLING_BYTES[h];
            if (k.length == len) {
                int i = 0;
                while (i + 8 <= len && (long) LONGS.get(k, i) == (long) LONGS.get(b, off + i)) {
                    i += 8;
                }
                while (i < len && k[i] == b[off + i]) {
                    i++;
                }
                if (i == len) {
                    return h;
                }
            }
        }
        return -1;
    }

    private static void put(String spelling) {
        String c = canonical(spelling); // before the slot is filled: canonical() reads the table
        int h = hash(spelling);
        while (SPELLING[h] != null) {
            h = (h + 1) & 255;
        }
        SPELLING_BYTES[h] = spelling.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] padded = java.util.Arrays.copyOf(SPELLING_BYTES[h], Math.max(16, SPELLING_BYTES[h].length));
        SPELLING_LO[h] = (long) LONGS.get(padded, 0);
        SPELLING_HI[h] = (long) LONGS.get(padded, 8);
        CANONICAL[h] = c;
        SPELLING[h] = spelling;
        ID[h] = -1;
        for (int i = 0; i < IDS.length; i++) {
            if (IDS[i] == c) {
                ID[h] = i;
            }
        }
        KIND[h] = kind(c) | (ID[h] + 1) << 8;
    }

    /** The headers that have an id ({@link #id}): the known ones, then the common ones. */
    private static final String[] IDS = new String[KNOWN.length + COMMON.length];

    static {
        System.arraycopy(KNOWN, 0, IDS, 0, KNOWN.length);
        System.arraycopy(COMMON, 0, IDS, KNOWN.length, COMMON.length);
        if (IDS.length > 63) {
            throw new AssertionError("header ids plus one must fit in a long's bits");
        }
        for (String k : KNOWN) {
            put(k);
        }
        for (char c : "imelcfsktvourbxIMELCFSKTVOURBX".toCharArray()) {
            put(String.valueOf(c).intern());
        }
        for (String k : COMMON) {
            put(k);
        }
    }

    /** A request method (case-sensitive, RFC 3261 §7.1), sharing a constant for the common ones. */
    static String method(byte[] b, int off, int len) {
        if (len >= 3 && len <= 9) {
            // one candidate per length and first letter at most, so one comparison instead of a walk of the list
            String k = METHOD_BY_SHAPE[(len - 3) * 26 + ((b[off] - 'A') & 0x1f) % 26];
            if (k != null && sameBytes(k, b, off, len)) {
                return k;
            }
        }
        return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static final String[] METHOD_BY_SHAPE = new String[7 * 26];

    static {
        for (String k : METHODS) {
            int slot = (k.length() - 3) * 26 + (k.charAt(0) - 'A');
            if (METHOD_BY_SHAPE[slot] != null) {
                throw new AssertionError("two methods of one shape: " + k);
            }
            METHOD_BY_SHAPE[slot] = k;
        }
    }

    private static boolean sameBytes(String k, byte[] b, int off, int len) {
        if (k.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (k.charAt(i) != b[off + i]) {
                return false;
            }
        }
        return true;
    }
}
