package dev.sotto.codecs.sdp;

/**
 * a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;encoding parameters&gt;]
 * (RFC 8866 §6.6).
 *
 * @param encodingParameters e.g. the channel count for audio, or null
 */
public record Rtpmap(int payloadType, String encodingName, long clockRate, String encodingParameters) {

    public Rtpmap {
        if (payloadType < 0 || payloadType > 127 || !Sdp.isToken(encodingName) || clockRate <= 0) {
            throw new IllegalArgumentException("bad rtpmap");
        }
    }

    /** Parses the attribute value; null when it breaks the grammar. */
    public static Rtpmap parse(String v) {
        int sp = v.indexOf(' ');
        if (sp < 0) {
            return null;
        }
        long pt = Sdp.number(v.substring(0, sp), 127);
        String[] parts = v.substring(sp + 1).split("/", -1);
        if (pt < 0 || parts.length < 2 || parts.length > 3 || !Sdp.isToken(parts[0])) {
            return null;
        }
        long rate = Sdp.number(parts[1], 0xFFFF_FFFFL);
        if (rate <= 0 || (parts.length == 3 && !Sdp.isToken(parts[2]))) {
            return null;
        }
        return new Rtpmap((int) pt, parts[0], rate, parts.length == 3 ? parts[2] : null);
    }

    public String encode() {
        return payloadType + " " + encodingName + "/" + clockRate + (encodingParameters == null ? "" : "/"
                + encodingParameters);
    }
}
