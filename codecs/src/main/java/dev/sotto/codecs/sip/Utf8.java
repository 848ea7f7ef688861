package dev.sotto.codecs.sip;

/** UTF-8 well-formedness (RFC 3629 §4), checked before bytes become Strings so nothing is silently replaced. */
final class Utf8 {

    private Utf8() {
    }

    /** True when [from, to) is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
    static boolean valid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + n >= to) {
                return false;
            }
            int cp = c & (0x3f >> n);
            for (int k = 1; k <= n; k++) {
                int x = b[i + k] & 0xff;
                if ((x & 0xc0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | (x & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return false;
            }
            i += n + 1;
        }
        return true;
    }
}
