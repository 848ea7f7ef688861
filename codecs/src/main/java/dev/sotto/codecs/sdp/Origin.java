package dev.sotto.codecs.sdp;

/** o= (RFC 8866 §5.2): username, session id and version, network and address type, unicast address. */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                     String address) {

    public Origin {
        for (String f : new String[] {username, sessionId, sessionVersion, netType, addrType, address}) {
            if (f == null || f.isEmpty() || !Sdp.isNonWs(f)) {
                throw new IllegalArgumentException("origin fields are non-empty and without spaces");
            }
        }
    }

    String encode() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addrType + " " + address;
    }
}
