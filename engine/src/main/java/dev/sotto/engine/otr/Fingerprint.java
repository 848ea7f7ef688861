package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.OtrPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An OTR fingerprint: SHA-1 of the public key without the two leading type bytes of a DSA key (OTR v3
 * "Public keys, signatures, and fingerprints"), shown as five groups of eight upper-case hex digits.
 */
public record Fingerprint(byte[] bytes) {

    public Fingerprint {
        if (bytes.length != 20) {
            throw new IllegalArgumentException("an OTR fingerprint has 20 bytes");
        }
        bytes = bytes.clone();
    }

    public static Fingerprint of(OtrPublicKey key) {
        return new Fingerprint(OtrPrimitives.sha1(key.fingerprintInput()));
    }

    /** Parses 40 hex digits, with or without spaces, colons or dashes between groups; null if invalid. */
    public static Fingerprint parse(String text) {
        String hex = text.replaceAll("[\\s:-]", "");
        if (hex.length() != 40 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return new Fingerprint(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** "XXXXXXXX XXXXXXXX XXXXXXXX XXXXXXXX XXXXXXXX". */
    public String display() {
        String hex = HexFormat.of().withUpperCase().formatHex(bytes);
        StringBuilder b = new StringBuilder(44);
        for (int i = 0; i < 40; i += 8) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(hex, i, i + 8);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Arrays.equals(bytes, f.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return display();
    }
}
