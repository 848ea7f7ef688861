package dev.sotto.codecs.zrtp;

import java.nio.charset.StandardCharsets;

/** The 4-octet ASCII blocks of RFC 6189 §5.1: held as ISO-8859-1 strings so any octets round-trip. */
final class ZrtpNames {

    private ZrtpNames() {}

    static String check(String name, String what) {
        if (name == null || name.length() != 4) {
            throw new IllegalArgumentException(what + " must be 4 characters");
        }
        for (int i = 0; i < 4; i++) {
            if (name.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(what + " must be single octets");
            }
        }
        return name;
    }

    static String read(byte[] b, int off) {
        return new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.ISO_8859_1);
    }
}
