package dev.sotto.codecs.sdp;

/**
 * a=zrtp-hash:&lt;zrtp-version&gt; &lt;zrtp-hash-value&gt; (RFC 6189 §8.1): the hash of the ZRTP Hello
 * message, in hexadecimal (64 digits for SHA-256), that binds the media stream to the signalling.
 */
public record ZrtpHash(String version, String hashHex) {

    public ZrtpHash {
        if (!Sdp.isToken(version) || hashHex == null || hashHex.isEmpty()) {
            throw new IllegalArgumentException("bad zrtp-hash");
        }
        for (int i = 0; i < hashHex.length(); i++) {
            if (Character.digit(hashHex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("zrtp-hash-value is 1*HEXDIG");
            }
        }
    }

    // zrtp-attribute = "a=zrtp-hash:" zrtp-version zrtp-hash-value; the RFC's example puts one SP between them
    public static ZrtpHash parse(String v) {
        int sp = v.indexOf(' ');
        if (sp <= 0 || sp == v.length() - 1) {
            return null;
        }
        String ver = v.substring(0, sp);
        String hash = v.substring(sp + 1);
        if (!Sdp.isToken(ver)) {
            return null;
        }
        for (int i = 0; i < hash.length(); i++) {
            if (Character.digit(hash.charAt(i), 16) < 0) {
                return null;
            }
        }
        return new ZrtpHash(ver, hash);
    }

    /** The hash bytes. */
    public byte[] hash() {
        if (hashHex.length() % 2 != 0) {
            throw new IllegalStateException("odd number of hex digits");
        }
        byte[] out = new byte[hashHex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hashHex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    public String encode() {
        return version + " " + hashHex;
    }
}
