package dev.sotto.codecs.sdp;

/**
 * c= (RFC 8866 §5.7): network type, address type and connection address (which may carry "/ttl" and
 * "/number of addresses" for multicast; kept as written).
 */
public record Connection(String netType, String addrType, String address) {

    public Connection {
        if (!Sdp.isToken(netType) || !Sdp.isToken(addrType) || address == null || address.isEmpty()
                || !Sdp.isNonWs(address)) {
            throw new IllegalArgumentException("bad connection data");
        }
    }

    /** The address without a multicast "/ttl/count" suffix. */
    public String host() {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    String encode() {
        return netType + " " + addrType + " " + address;
    }
}
