package dev.sotto.codecs.sdp;

/** b= (RFC 8866 §5.8): bandwidth type (CT, AS, TIAS...) and value in kilobits (or bits for TIAS). */
public record Bandwidth(String type, long value) {

    public Bandwidth {
        if (!Sdp.isToken(type) || value < 0) {
            throw new IllegalArgumentException("bad bandwidth");
        }
    }

    String encode() {
        return type + ":" + value;
    }
}
