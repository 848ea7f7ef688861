package dev.sotto.engine.zrtp;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The a=zrtp-hash SDP attribute value of RFC 6189 §8.1: the protocol version, a space, and the implicit hash
 * (SHA-256, §5.1.2.2) of the whole Hello message (not the packet framing) as 64 hex digits.
 */
public final class ZrtpHelloHash {

    private ZrtpHelloHash() {}

    /** The attribute value for an encoded Hello message. */
    public static String of(byte[] helloMessage) {
        return "1.10 " + ZrtpHashChain.helloHash(helloMessage);
    }

    /** The 32-octet hash of an attribute value with or without its version; null when it is not one. */
    public static byte[] parse(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        String hex = space >= 0 ? v.substring(space + 1).trim() : v;
        if (hex.length() != 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
