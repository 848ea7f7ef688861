package dev.sotto.codecs.sdp;

/**
 * One a= line (RFC 8866 §5.13): a property attribute ({@code value == null}) or a value attribute. Unknown
 * attributes are kept as they are.
 */
public record Attribute(String name, String value) {

    public Attribute {
        if (!Sdp.isToken(name)) {
            throw new IllegalArgumentException("attribute name must be a token");
        }
        if (value != null && !Sdp.isLineText(value)) {
            throw new IllegalArgumentException("CR, LF or NUL in an attribute value");
        }
    }

    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    String encode() {
        return value == null ? name : name + ":" + value;
    }

    /** The name only: values may carry keys (a=crypto). */
    @Override
    public String toString() {
        return "Attribute[" + name + "]";
    }
}
