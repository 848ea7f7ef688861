package dev.sotto.codecs.sip;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A sip or sips URI (RFC 3261 §19.1.1). User, password, parameters and headers are kept as written, escapes
 * included, so a URI serializes byte for byte as it came; the {@code decoded*} accessors resolve escapes.
 *
 * <p>A value class with the accessors, equality and hash of a record of its components ({@code secure, user,
 * password, host, port, params, headers}). Not a record, so that the parser, which has checked every part against
 * the grammar already, makes one without the constructor's checks: a record's stores follow its checks, and the
 * parser makes three or four of these per message (measured: ~3% of a parse with the checks of SipUri, NameAddress
 * and the small records together).
 */
public final class SipUri implements Uri {

    private final boolean secure;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final Parameters params;
    private final List<Parameter> headers;

    /**
     * @param secure   true for sips
     * @param user     the user part, escaped as written, or null
     * @param password the password, escaped as written, or null
     * @param host     hostname, IPv4 address or IPv6 reference (with its brackets)
     * @param port     the port, or -1 when absent
     * @param params   uri-parameters, escaped as written
     * @param headers  headers (hname=hvalue), escaped as written
     * @throws IllegalArgumentException for an empty host, a port out of range or a password without a user
     */
    public SipUri(boolean secure, String user, String password, String host, int port, Parameters params,
                  List<Parameter> headers) {
        this(secure, user, password, host, port, params, checked(user, password, host, port, headers), true);
    }

    /** The public constructor's checks; returns an immutable copy of {@code headers}. */
    private static List<Parameter> checked(String user, String password, String host, int port,
                                           List<Parameter> headers) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        if (password != null && user == null) {
            throw new IllegalArgumentException("a password needs a user (RFC 3261 §25.1 userinfo)");
        }
        return List.copyOf(headers);
    }

    /** {@code parsed} only tells this constructor from the public one: the parts are stored unchecked. */
    private SipUri(boolean secure, String user, String password, String host, int port, Parameters params,
                   List<Parameter> headers, boolean parsed) {
        this.secure = secure;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.params = params;
        this.headers = headers;
    }

    /**
     * For the parser, which has checked the parts against RFC 3261 §25.1 already (a non-empty host, a port of at
     * most 65535, a password only after a user); {@code headers} must be immutable.
     */
    static SipUri parsed(boolean secure, String user, String password, String host, int port, Parameters params,
                         List<Parameter> headers) {
        return new SipUri(secure, user, password, host, port, params, headers, true);
    }

    public boolean secure() {
        return secure;
    }

    /** The user part, escaped as written, or null. */
    public String user() {
        return user;
    }

    /** The password, escaped as written, or null. */
    public String password() {
        return password;
    }

    /** Hostname, IPv4 address or IPv6 reference (with its brackets). */
    public String host() {
        return host;
    }

    /** The port, or -1 when absent. */
    public int port() {
        return port;
    }

    /** The uri-parameters, escaped as written. */
    public Parameters params() {
        return params;
    }

    /** The headers (hname=hvalue), escaped as written. */
    public List<Parameter> headers() {
        return headers;
    }

    /** Component by component, as a record's. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SipUri u && secure == u.secure && port == u.port && Objects.equals(user, u.user)
                && Objects.equals(password, u.password) && host.equals(u.host) && Objects.equals(params, u.params)
                && headers.equals(u.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secure, user, password, host, port, params, headers);
    }

    /** sip:user@host (no port, parameters or headers). */
    public static SipUri of(String user, String host) {
        return new SipUri(false, user, null, host, -1, Parameters.NONE, List.of());
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    /** The user part with escapes resolved (RFC 4475 §3.1.1.3), or null. */
    public String decodedUser() {
        return user == null ? null : Lex.unescape(user);
    }

    /** The host without IPv6 reference brackets. */
    public String hostAddress() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The decoded value of a URI parameter, or null (also null when it has no value). */
    public String param(String name) {
        for (Parameter p : params.list()) {
            if (Lex.unescape(p.name()).equalsIgnoreCase(name)) {
                return p.value() == null ? null : Lex.unescape(p.value());
            }
        }
        return null;
    }

    /** True when the URI has the parameter, with or without a value. */
    public boolean hasParam(String name) {
        for (Parameter p : params.list()) {
            if (Lex.unescape(p.name()).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The transport parameter, lowercased, or null. */
    public String transport() {
        String t = param("transport");
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    /** RFC 3261 §19.1.1: the lr parameter of a loose router. */
    public boolean lr() {
        return hasParam("lr");
    }

    @Override
    public String encode() {
        return encode(password);
    }

    private String encode(String pw) {
        StringBuilder b = new StringBuilder(64).append(secure ? "sips:" : "sip:");
        if (user != null) {
            b.append(user);
            if (pw != null) {
                b.append(':').append(pw);
            }
            b.append('@');
        }
        b.append(host);
        if (port >= 0) {
            b.append(':').append(port);
        }
        params.appendTo(b);
        for (int i = 0; i < headers.size(); i++) {
            Parameter h = headers.get(i);
            b.append(i == 0 ? '?' : '&').append(h.name()).append('=').append(h.value() == null ? "" : h.value());
        }
        return b.toString();
    }

    /**
     * URI equivalence of RFC 3261 §19.1.4: same scheme; userinfo case-sensitive; host case-insensitive; ports
     * equal or both absent; user, ttl, method, maddr and transport parameters present in both or neither and
     * equal; other parameters equal where both have them; headers all present in both and equal; escaped
     * unreserved characters equal their unescaped form.
     */
    public boolean equivalentTo(SipUri o) {
        if (secure != o.secure || port != o.port) {
            return false;
        }
        if (!eqNorm(user, o.user, false) || !eqNorm(password, o.password, false)) {
            return false;
        }
        if (!host.equalsIgnoreCase(o.host)) {
            return false;
        }
        for (String special : new String[] {"user", "ttl", "method", "maddr", "transport"}) {
            if (hasParam(special) != o.hasParam(special)) {
                return false;
            }
        }
        for (Parameter p : params.list()) {
            String name = Lex.unescape(p.name());
            if (o.hasParam(name) && !paramValues(name).equals(o.paramValues(name))) {
                return false;
            }
        }
        if (headers.size() != o.headers.size()) {
            return false;
        }
        for (Parameter h : headers) {
            boolean found = false;
            for (Parameter g : o.headers) {
                if (normalize(h.name(), true).equals(normalize(g.name(), true))
                        && normalize(h.value(), false).equals(normalize(g.value(), false))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The normalized values of every parameter called {@code name} (a repeated name keeps its order). */
    private List<String> paramValues(String name) {
        List<String> out = new java.util.ArrayList<>(1);
        for (Parameter p : params.list()) {
            if (Lex.unescape(p.name()).equalsIgnoreCase(name)) {
                out.add(p.value() == null ? null : normalize(p.value(), true));
            }
        }
        return out;
    }

    private static boolean eqNorm(String a, String b, boolean ignoreCase) {
        if (a == null || b == null) {
            return a == b;
        }
        return normalize(a, ignoreCase).equals(normalize(b, ignoreCase));
    }

    /**
     * RFC 3261 §19.1.4: "Characters other than those in the reserved set are equivalent to their % HEX HEX
     * encoding": decode those, keep reserved ones escaped (hex upper-cased), then fold case if asked.
     */
    static String normalize(String raw, boolean ignoreCase) {
        if (raw == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && Lex.isHex(raw.charAt(i + 1)) && Lex.isHex(raw.charAt(i + 2))) {
                char d = (char) (Lex.hexValue(raw.charAt(i + 1)) << 4 | Lex.hexValue(raw.charAt(i + 2)));
                if (";/?:@&=+$,".indexOf(d) >= 0 || d >= 0x80 || d == '%') {
                    b.append('%').append(Character.toUpperCase(raw.charAt(i + 1)))
                            .append(Character.toUpperCase(raw.charAt(i + 2)));
                } else {
                    b.append(d);
                }
                i += 2;
            } else {
                b.append(c);
            }
        }
        String s = b.toString();
        return ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
    }

    /** Like {@link #encode()} but with any password hidden. */
    @Override
    public String toString() {
        return "SipUri[" + encode(password == null ? null : "***") + "]";
    }
}
