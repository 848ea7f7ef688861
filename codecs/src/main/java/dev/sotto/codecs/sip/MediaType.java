package dev.sotto.codecs.sip;

/** Content-Type (RFC 3261 §20.15): m-type "/" m-subtype *( ";" m-parameter ). */
public record MediaType(String type, String subtype, Parameters params) {

    public static final MediaType APPLICATION_SDP = new MediaType("application", "sdp", Parameters.NONE);

    public MediaType {
        if (!Lex.isToken(type) || !Lex.isToken(subtype)) {
            throw new IllegalArgumentException("type and subtype must be tokens");
        }
    }

    /** Case-insensitive type/subtype match (RFC 3261 §7.3.1). */
    public boolean is(String t, String s) {
        return type.equalsIgnoreCase(t) && subtype.equalsIgnoreCase(s);
    }

    public String encode() {
        StringBuilder b = new StringBuilder(type).append('/').append(subtype);
        params.appendTo(b);
        return b.toString();
    }
}
