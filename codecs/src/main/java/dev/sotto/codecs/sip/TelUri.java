package dev.sotto.codecs.sip;

/** A tel URI (RFC 3966 §3): the telephone-subscriber number as written and its parameters. */
public record TelUri(String number, Parameters params) implements Uri {

    public TelUri {
        if (number == null || number.isEmpty()) {
            throw new IllegalArgumentException("empty tel number");
        }
    }

    @Override
    public String scheme() {
        return "tel";
    }

    /** RFC 3966 §5.1.4: a global number starts with "+". */
    public boolean isGlobal() {
        return number.startsWith("+");
    }

    @Override
    public String encode() {
        StringBuilder b = new StringBuilder("tel:").append(number);
        params.appendTo(b);
        return b.toString();
    }

    @Override
    public String toString() {
        return "TelUri[global=" + isGlobal() + "]";
    }
}
