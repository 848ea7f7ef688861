package dev.sotto.codecs.sip;

/** A URI of a scheme SIP does not interpret (RFC 3261 §25.1 absoluteURI), kept as written. */
public record AbsoluteUri(String scheme, String schemeSpecificPart) implements Uri {

    @Override
    public String encode() {
        return scheme + ":" + schemeSpecificPart;
    }

    @Override
    public String toString() {
        return "AbsoluteUri[" + scheme + "]";
    }
}
