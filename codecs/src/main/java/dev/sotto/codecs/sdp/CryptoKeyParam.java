package dev.sotto.codecs.sdp;

import java.util.Base64;

/**
 * One key-param of a=crypto (RFC 4568 §6.1, §9.1): key-method ":" key-info; for "inline" (SRTP, §9.2 of 4568's
 * grammar): key||salt in base64, an optional lifetime and an optional MKI value:length.
 *
 * @param lifetime  "2^31" or "1048576" as written, or null
 * @param mkiValue  the MKI value, or -1
 * @param mkiLength the MKI length in bytes (1..128), or -1
 */
public record CryptoKeyParam(String method, String keySaltBase64, String lifetime, long mkiValue, int mkiLength) {

    public CryptoKeyParam {
        if (method == null || method.isEmpty() || keySaltBase64 == null || keySaltBase64.isEmpty()) {
            throw new IllegalArgumentException("bad key-param");
        }
    }

    static CryptoKeyParam parse(String kp) {
        int colon = kp.indexOf(':');
        if (colon <= 0 || colon == kp.length() - 1) {
            return null;
        }
        String method = kp.substring(0, colon);
        String info = kp.substring(colon + 1);
        if (!method.equals("inline")) {
            // key-method-ext: kept, its key-info opaque
            return Sdp.isToken(method) && Sdp.isNonWs(info) ? new CryptoKeyParam(method, info, null, -1, -1) : null;
        }
        String[] parts = info.split("\\|", -1);
        if (parts.length > 3 || !isBase64(parts[0])) {
            return null;
        }
        String lifetime = null;
        long mkiValue = -1;
        int mkiLength = -1;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int mc = p.indexOf(':');
            if (mc >= 0) {
                // mki = mki-value ":" mki-length; mki-length = 1*3DIGIT (1..128)
                long v = Sdp.number(p.substring(0, mc), Long.MAX_VALUE);
                long l = Sdp.number(p.substring(mc + 1), 128);
                if (v < 0 || l < 1 || mkiLength >= 0 || p.length() - mc - 1 > 3) {
                    return null;
                }
                mkiValue = v;
                mkiLength = (int) l;
            } else {
                // lifetime = ["2^"] 1*(DIGIT)
                String digits = p.startsWith("2^") ? p.substring(2) : p;
                if (!Sdp.isDigits(digits) || lifetime != null || mkiLength >= 0) {
                    return null;
                }
                lifetime = p;
            }
        }
        return new CryptoKeyParam(method, parts[0], lifetime, mkiValue, mkiLength);
    }

    private static boolean isBase64(String s) {
        if (s.isEmpty()) {
            return false;
        }
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The concatenated master key and salt (a secret: the caller wipes it after use). */
    public byte[] keySalt() {
        return Base64.getDecoder().decode(keySaltBase64);
    }

    String encode() {
        StringBuilder b = new StringBuilder(method).append(':').append(keySaltBase64);
        if (lifetime != null) {
            b.append('|').append(lifetime);
        }
        if (mkiLength >= 0) {
            b.append('|').append(mkiValue).append(':').append(mkiLength);
        }
        return b.toString();
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "CryptoKeyParam[" + method + ", key=<hidden>, lifetime=" + lifetime + ", mki=" + mkiLength + "]";
    }
}
