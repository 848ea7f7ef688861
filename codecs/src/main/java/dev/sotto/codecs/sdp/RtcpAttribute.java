package dev.sotto.codecs.sdp;

/**
 * a=rtcp:&lt;port&gt; [&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;] (RFC 3605 §2.1).
 *
 * @param connection the explicit address, or null
 */
public record RtcpAttribute(int port, Connection connection) {

    public RtcpAttribute {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad rtcp port");
        }
    }

    public static RtcpAttribute parse(String v) {
        String[] p = v.split(" ", -1);
        if (p.length != 1 && p.length != 4) {
            return null;
        }
        long port = Sdp.number(p[0], 65535);
        if (port < 0) {
            return null;
        }
        if (p.length == 1) {
            return new RtcpAttribute((int) port, null);
        }
        if (!Sdp.isToken(p[1]) || !Sdp.isToken(p[2]) || !Sdp.isNonWs(p[3])) {
            return null;
        }
        return new RtcpAttribute((int) port, new Connection(p[1], p[2], p[3]));
    }

    public String encode() {
        return connection == null ? Integer.toString(port) : port + " " + connection.encode();
    }
}
