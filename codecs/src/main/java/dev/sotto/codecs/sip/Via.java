package dev.sotto.codecs.sip;

/**
 * One Via value (RFC 3261 §20.42): sent-protocol, sent-by and parameters. A value class with the accessors,
 * equality and text of a record: not a record, so that the parser, which has checked every part against the
 * grammar already, can make one without the constructor checking the host a second time.
 */
public final class Via {

    /** RFC 3261 §8.1.1.7: branch IDs of RFC 3261 elements start with this magic cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String protocolName;
    private final String protocolVersion;
    private final String transport;
    private final String host;
    private final int port;
    private final Parameters params;
    // the index in params of the first branch, received and rport parameter, -1 when there is none, as the parser
    // found them; UNKNOWN for a Via built in code, whose getters look the name up
    private final int branchAt;
    private final int receivedAt;
    private final int rportAt;
    private static final int UNKNOWN = -2;

    /**
     * @param port -1 when absent
     * @throws IllegalArgumentException when a sent-protocol part is not a token, the host is not a host or the
     *                                  port is out of range
     */
    public Via(String protocolName, String protocolVersion, String transport, String host, int port,
               Parameters params) {
        this(protocolName, protocolVersion, transport, host, port, params, true, UNKNOWN, UNKNOWN, UNKNOWN);
    }

    private Via(String protocolName, String protocolVersion, String transport, String host, int port,
                Parameters params, boolean check, int branchAt, int receivedAt, int rportAt) {
        if (check) {
            if (!Lex.isToken(protocolName) || !Lex.isToken(protocolVersion) || !Lex.isToken(transport)) {
                throw new IllegalArgumentException("sent-protocol parts must be tokens");
            }
            if (host == null || Hosts.host(host) == Hosts.INVALID) {
                throw new IllegalArgumentException("bad sent-by host");
            }
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("port out of range");
            }
        }
        this.protocolName = protocolName;
        this.protocolVersion = protocolVersion;
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.params = params;
        this.branchAt = branchAt;
        this.receivedAt = receivedAt;
        this.rportAt = rportAt;
    }

    /**
     * For the parser, which has checked every part against the grammar already (RFC 3261 §25.1 via-parm), with
     * the index in {@code params} of the first branch, received and rport parameter (-1: none).
     */
    static Via parsed(String protocolName, String protocolVersion, String transport, String host, int port,
                      Parameters params, int branchAt, int receivedAt, int rportAt) {
        return new Via(protocolName, protocolVersion, transport, host, port, params, false, branchAt, receivedAt,
                rportAt);
    }

    public String protocolName() {
        return protocolName;
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    public String transport() {
        return transport;
    }

    /** The sent-by host: hostname, IPv4 address or IPv6 reference (with its brackets). */
    public String host() {
        return host;
    }

    /** The sent-by port, -1 when absent. */
    public int port() {
        return port;
    }

    public Parameters params() {
        return params;
    }

    /** SIP/2.0/transport host[:port];branch=branch */
    public static Via of(String transport, String host, int port, String branch) {
        return new Via("SIP", "2.0", transport, host, port, Parameters.of(new Parameter("branch", branch)));
    }

    public String branch() {
        return branchAt == UNKNOWN ? params.value("branch") : params.valueAt(branchAt);
    }

    /** The received address without IPv6 brackets (RFC 5118 §4.5 tolerates both forms), or null. */
    public String received() {
        String r = receivedAt == UNKNOWN ? params.value("received") : params.valueAt(receivedAt);
        if (r != null && r.startsWith("[") && r.endsWith("]")) {
            return r.substring(1, r.length() - 1);
        }
        return r;
    }

    /** RFC 3581: true when the rport parameter is present (with or without a value). */
    public boolean hasRport() {
        return rportAt == UNKNOWN ? params.has("rport") : rportAt >= 0;
    }

    /** RFC 3581 §4: the rport value filled in by the server, or -1. */
    public int rport() {
        long v = rportAt == UNKNOWN ? params.digits("rport", Integer.MAX_VALUE)
                : params.digitsAt(rportAt, Integer.MAX_VALUE);
        // a value built in code that is not plain digits: what Integer.parseInt makes of it (or its exception)
        return v == -2 ? Integer.parseInt(params.value("rport")) : (int) v;
    }

    public String maddr() {
        return params.value("maddr");
    }

    /** RFC 3261 §17.2.3: a branch with the magic cookie identifies an RFC 3261 transaction. */
    public boolean hasRfc3261Branch() {
        String b = branch();
        return b != null && b.length() > MAGIC_COOKIE.length() && b.startsWith(MAGIC_COOKIE);
    }

    public String encode() {
        StringBuilder b = new StringBuilder(64).append(protocolName).append('/').append(protocolVersion).append('/')
                .append(transport).append(' ').append(host);
        if (port >= 0) {
            b.append(':').append(port);
        }
        params.appendTo(b);
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Via v && port == v.port && protocolName.equals(v.protocolName)
                && protocolVersion.equals(v.protocolVersion) && transport.equals(v.transport) && host.equals(v.host)
                && java.util.Objects.equals(params, v.params);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(protocolName, protocolVersion, transport, host, port, params);
    }

    @Override
    public String toString() {
        return "Via[protocolName=" + protocolName + ", protocolVersion=" + protocolVersion + ", transport="
                + transport + ", host=" + host + ", port=" + port + ", params=" + params + "]";
    }
}
