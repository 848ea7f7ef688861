package dev.sotto.codecs.sip;

/**
 * One {@code ;name[=value]} parameter as it appeared (RFC 3261 §25.1 generic-param, uri-parameter). The value
 * is the raw text: a quoted-string keeps its quotes, a URI parameter keeps its escapes; {@code null} when the
 * parameter has no value.
 */
public record Parameter(String name, String value) {

    public Parameter {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty parameter name");
        }
    }

    /** The value with a quoted-string's quotes and quoted-pairs resolved; null when there is no value. */
    public String unquotedValue() {
        return value == null ? null : Lex.unquote(value);
    }
}
