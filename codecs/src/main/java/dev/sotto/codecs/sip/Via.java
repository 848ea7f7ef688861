package dev.sotto.codecs.sip;

/**
 * One Via value (RFC 3261 §20.42): sent-protocol, sent-by and parameters.
 *
 * @param port -1 when absent
 */
public record Via(String protocolName, String protocolVersion, String transport, String host, int port,
                  Parameters params) {

    /** RFC 3261 §8.1.1.7: branch IDs of RFC 3261 elements start with this magic cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public Via {
        // the parser hands out the constants "SIP", "2.0" and the usual transports (Lex.word): no scan for those
        if (!(protocolName == "SIP" || Lex.isToken(protocolName))
                || !(protocolVersion == "2.0" || Lex.isToken(protocolVersion))
                || !(transport == "TLS" || transport == "UDP" || transport == "TCP" || Lex.isToken(transport))) {
            throw new IllegalArgumentException("sent-protocol parts must be tokens");
        }
        if (host == null || Hosts.host(host) == Hosts.INVALID) {
            throw new IllegalArgumentException("bad sent-by host");
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    /** For the parser, which has checked every part against the grammar already. */
    static Via parsed(String protocolName, String protocolVersion, String transport, String host, int port,
                      Parameters params) {
        return new Via(protocolName, protocolVersion, transport, host, port, params);
    }

    /** SIP/2.0/transport host[:port];branch=branch */
    public static Via of(String transport, String host, int port, String branch) {
        return new Via("SIP", "2.0", transport, host, port, Parameters.of(new Parameter("branch", branch)));
    }

    public String branch() {
        return params.value("branch");
    }

    /** The received address without IPv6 brackets (RFC 5118 §4.5 tolerates both forms), or null. */
    public String received() {
        String r = params.value("received");
        if (r != null && r.startsWith("[") && r.endsWith("]")) {
            return r.substring(1, r.length() - 1);
        }
        return r;
    }

    /** RFC 3581: true when the rport parameter is present (with or without a value). */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** RFC 3581 §4: the rport value filled in by the server, or -1. */
    public int rport() {
        long v = params.digits("rport", Integer.MAX_VALUE);
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
}
