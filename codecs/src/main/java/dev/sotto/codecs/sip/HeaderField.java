package dev.sotto.codecs.sip;

/**
 * One header field as it appeared: the name as written (maybe compact, any case) and the value with folding
 * replaced by a single SP and surrounding whitespace removed (RFC 3261 §7.3.1).
 */
public record HeaderField(String name, String value) {

    public HeaderField {
        if (!HeaderNames.isSpelling(name) && !Lex.isToken(name)) { // the parser's names are our constants
            throw new IllegalArgumentException("header name must be a token");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("CR or LF in a header value");
        }
    }

    /** The canonical long name (compact forms expanded) for known headers, else the name as written. */
    public String canonicalName() {
        return HeaderNames.canonical(name);
    }

    /** Names only; values may carry personal data. */
    @Override
    public String toString() {
        return "HeaderField[" + name + "]";
    }
}
