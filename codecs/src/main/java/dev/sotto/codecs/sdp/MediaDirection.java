package dev.sotto.codecs.sdp;

/** RFC 8866 §6.7 (and RFC 3264 §5.1): the direction attributes; sendrecv is the default. */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    public String attributeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static MediaDirection of(String attributeName) {
        switch (attributeName) {
            case "sendrecv": return SENDRECV;
            case "sendonly": return SENDONLY;
            case "recvonly": return RECVONLY;
            case "inactive": return INACTIVE;
            default: return null;
        }
    }
}
