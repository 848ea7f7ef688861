package dev.sotto.codecs.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * a=crypto:&lt;tag&gt; &lt;crypto-suite&gt; &lt;key-params&gt; [&lt;session-params&gt;] (RFC 4568 §4, §9.1).
 * Carries SRTP master keys: {@link #toString()} never prints them.
 */
public record Crypto(long tag, String suite, List<CryptoKeyParam> keyParams, List<String> sessionParams) {

    public Crypto {
        if (tag < 0 || tag > 999_999_999L || suite == null || suite.isEmpty() || keyParams.isEmpty()) {
            throw new IllegalArgumentException("bad crypto attribute");
        }
        keyParams = List.copyOf(keyParams);
        sessionParams = List.copyOf(sessionParams);
    }

    // "a=crypto:" tag 1*WSP crypto-suite 1*WSP key-params *(1*WSP session-param) (RFC 4568 §9.1)
    public static Crypto parse(String v) {
        if (v.isEmpty() || v.charAt(0) == ' ' || v.charAt(0) == '\t') {
            return null;
        }
        String[] f = v.strip().split("[ \t]+");
        if (f.length < 3) {
            return null;
        }
        // tag = 1*9DIGIT; crypto-suite = 1*(ALPHA / DIGIT / "_")
        if (f[0].length() > 9) {
            return null;
        }
        long tag = Sdp.number(f[0], 999_999_999L);
        if (tag < 0 || f[1].isEmpty()) {
            return null;
        }
        for (int i = 0; i < f[1].length(); i++) {
            char c = f[1].charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_') {
                return null;
            }
        }
        List<CryptoKeyParam> kps = new ArrayList<>(1);
        for (String kp : f[2].split(";", -1)) {
            CryptoKeyParam p = CryptoKeyParam.parse(kp);
            if (p == null) {
                return null;
            }
            kps.add(p);
        }
        List<String> sps = new ArrayList<>(0);
        for (int i = 3; i < f.length; i++) {
            if (!Sdp.isNonWs(f[i])) {
                return null;
            }
            sps.add(f[i]);
        }
        return new Crypto(tag, f[1], kps, sps);
    }

    public String encode() {
        StringBuilder b = new StringBuilder().append(tag).append(' ').append(suite).append(' ');
        for (int i = 0; i < keyParams.size(); i++) {
            b.append(i == 0 ? "" : ";").append(keyParams.get(i).encode());
        }
        for (String s : sessionParams) {
            b.append(' ').append(s);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "Crypto[tag=" + tag + ", suite=" + suite + ", keys=" + keyParams.size() + "]";
    }
}
