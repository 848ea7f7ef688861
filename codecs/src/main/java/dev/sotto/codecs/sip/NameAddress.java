package dev.sotto.codecs.sip;

/**
 * A name-addr or addr-spec with its header parameters (From, To, Contact, Route, Record-Route:
 * RFC 3261 §20.10, §20.20, §20.39, §20.30, §20.34).
 *
 * <p>A value class with the accessors, equality and hash of a record of its components ({@code displayName, uri,
 * params}); not a record, so that the parser, which has checked its parts already, makes one without the
 * constructor's checks (see {@link SipUri}).
 */
public final class NameAddress {

    private final String displayName;
    private final Uri uri;
    private final Parameters params;

    /**
     * @param displayName the display name with quotes and quoted-pairs resolved, or null
     * @throws IllegalArgumentException when there is no URI or the display name holds CR or LF
     */
    public NameAddress(String displayName, Uri uri, Parameters params) {
        this(displayName, checked(displayName, uri), params, true);
    }

    /** The public constructor's checks; returns {@code uri}. */
    private static Uri checked(String displayName, Uri uri) {
        if (uri == null) {
            throw new IllegalArgumentException("no URI");
        }
        if (displayName != null && (displayName.indexOf('\r') >= 0 || displayName.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("CR/LF cannot be carried in a display name");
        }
        return uri;
    }

    /** {@code parsed} only tells this constructor from the public one: the parts are stored unchecked. */
    private NameAddress(String displayName, Uri uri, Parameters params, boolean parsed) {
        this.displayName = displayName;
        this.uri = uri;
        this.params = params;
    }

    /**
     * For the parser: {@code uri} is not null and the display name, from a quoted-string or a run of tokens and LWS
     * of an unfolded value (RFC 3261 §25.1), holds no CR or LF.
     */
    static NameAddress parsed(String displayName, Uri uri, Parameters params) {
        return new NameAddress(displayName, uri, params, true);
    }

    /** The display name with quotes and quoted-pairs resolved, or null. */
    public String displayName() {
        return displayName;
    }

    public Uri uri() {
        return uri;
    }

    public Parameters params() {
        return params;
    }

    /** Component by component, as a record's. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NameAddress a && java.util.Objects.equals(displayName, a.displayName)
                && uri.equals(a.uri) && java.util.Objects.equals(params, a.params);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(displayName, uri, params);
    }

    public static NameAddress of(Uri uri) {
        return new NameAddress(null, uri, Parameters.NONE);
    }

    /** The tag parameter (RFC 3261 §19.3), or null. */
    public String tag() {
        return params.value("tag");
    }

    public NameAddress withTag(String tag) {
        java.util.List<Parameter> ps = new java.util.ArrayList<>();
        for (Parameter p : params.list()) {
            if (!p.name().equalsIgnoreCase("tag")) {
                ps.add(p);
            }
        }
        ps.add(new Parameter("tag", tag));
        return new NameAddress(displayName, uri, new Parameters(ps));
    }

    /** RFC 3261 §20.10: the expires contact parameter, or -1. */
    public long expires() {
        long v = params.digits("expires", Long.MAX_VALUE);
        return v < 0 ? -1 : v;
    }

    /** RFC 3261 §20.10: the q contact parameter, or null. */
    public String q() {
        return params.value("q");
    }

    /** Always the name-addr form, which is valid whatever the URI holds (RFC 3261 §20.10). */
    public String encode() {
        StringBuilder b = new StringBuilder(64);
        if (displayName != null) {
            b.append(Lex.quote(displayName)).append(' ');
        }
        b.append('<').append(uri.encode()).append('>');
        params.appendTo(b);
        return b.toString();
    }

    @Override
    public String toString() {
        return "NameAddress[" + uri + ", params=" + params.list().size() + "]";
    }
}
