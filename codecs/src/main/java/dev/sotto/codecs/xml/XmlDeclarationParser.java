package dev.sotto.codecs.xml;

/**
 * Parses the body of an XML declaration, the text between {@code <?xml} plus one space and {@code ?>}
 * (XML 1.0 §2.8 XMLDecl), with the rules of RFC 6120 §11.5 and §11.6. The body is at most
 * {@link XmlLimits#maxNameBytes()} long, so this small cursor parser may look at it as a whole.
 */
final class XmlDeclarationParser {

    /** Either a declaration or the condition that refuses it. */
    record Result(XmlDeclaration declaration, StreamErrorCondition error) {}

    private final String s;
    private int p;

    private XmlDeclarationParser(String s) {
        this.s = s;
    }

    static Result parse(String body) {
        return new XmlDeclarationParser(body).parse();
    }

    private Result parse() {
        skipSpace();
        String version = pseudoAttribute("version");
        if (version == null || !isVersionNum(version)) {
            return fail(StreamErrorCondition.NOT_WELL_FORMED);
        }
        String encoding = null;
        String standalone = null;
        boolean space = skipSpace();
        if (space && s.startsWith("encoding", p)) {
            encoding = pseudoAttribute("encoding");
            if (encoding == null || !isEncName(encoding)) {
                return fail(StreamErrorCondition.NOT_WELL_FORMED);
            }
            if (!encoding.equalsIgnoreCase("UTF-8")) {
                // RFC 6120 §11.6: UTF-8 only.
                return fail(StreamErrorCondition.UNSUPPORTED_ENCODING);
            }
            space = skipSpace();
        }
        if (space && s.startsWith("standalone", p)) {
            standalone = pseudoAttribute("standalone");
            if ("no".equals(standalone)) {
                // RFC 6120 §11.5: standalone='no' refers to external markup declarations.
                return fail(StreamErrorCondition.RESTRICTED_XML);
            }
            if (!"yes".equals(standalone)) {
                return fail(StreamErrorCondition.NOT_WELL_FORMED);
            }
            skipSpace();
        }
        if (p != s.length()) {
            return fail(StreamErrorCondition.NOT_WELL_FORMED);
        }
        return new Result(new XmlDeclaration(version, encoding, standalone), null);
    }

    /** XML 1.0 §2.8 VersionNum: '1.' [0-9]+ (checked by hand: a regex would be compiled for every stream). */
    private static boolean isVersionNum(String v) {
        if (v.length() < 3 || v.charAt(0) != '1' || v.charAt(1) != '.') {
            return false;
        }
        for (int k = 2; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** XML 1.0 §4.3.3 EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*. */
    private static boolean isEncName(String e) {
        if (e.isEmpty()) {
            return false;
        }
        for (int k = 0; k < e.length(); k++) {
            char c = e.charAt(k);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!letter && (k == 0 || !((c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    private static Result fail(StreamErrorCondition c) {
        return new Result(null, c);
    }

    private boolean skipSpace() {
        int start = p;
        while (p < s.length() && " \t\r\n".indexOf(s.charAt(p)) >= 0) {
            p++;
        }
        return p > start;
    }

    /** name Eq ('"' value '"' | "'" value "'"), XML 1.0 §2.8 and §2.3 Eq. */
    private String pseudoAttribute(String name) {
        if (!s.startsWith(name, p)) {
            return null;
        }
        p += name.length();
        skipSpace();
        if (p >= s.length() || s.charAt(p) != '=') {
            return null;
        }
        p++;
        skipSpace();
        if (p >= s.length()) {
            return null;
        }
        char q = s.charAt(p);
        if (q != '"' && q != '\'') {
            return null;
        }
        int close = s.indexOf(q, p + 1);
        if (close < 0) {
            return null;
        }
        String value = s.substring(p + 1, close);
        p = close + 1;
        return value;
    }
}
