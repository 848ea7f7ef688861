package dev.sotto.codecs.sip;

/**
 * The value of Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate (RFC 3261 §25.1
 * credentials / challenge; RFC 2617 §3.2): a scheme and its comma-separated auth-params. Values keep their
 * quotes; {@link #param(String)} resolves them.
 */
public record AuthValue(String scheme, Parameters params) {

    public AuthValue {
        if (!Lex.isToken(scheme)) {
            throw new IllegalArgumentException("scheme must be a token");
        }
    }

    public boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    /** An auth-param's value with quotes resolved (realm, nonce, opaque, qop, algorithm...), or null. */
    public String param(String name) {
        return params.unquotedValue(name);
    }

    public String encode() {
        StringBuilder b = new StringBuilder(128).append(scheme);
        for (int i = 0; i < params.list().size(); i++) {
            Parameter p = params.list().get(i);
            b.append(i == 0 ? " " : ", ").append(p.name()).append('=').append(p.value());
        }
        return b.toString();
    }

    /** Names only: nonces and responses stay out of logs. */
    @Override
    public String toString() {
        return "AuthValue[" + scheme + ", params=" + params.list().size() + "]";
    }
}
