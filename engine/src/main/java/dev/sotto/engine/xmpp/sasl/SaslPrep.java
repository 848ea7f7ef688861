package dev.sotto.engine.xmpp.sasl;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013) for SCRAM user names and passwords, as RFC 5802 §5.1 asks: map (§2.1), normalize with
 * NFKC (§2.2), refuse prohibited output (§2.3). The bidi rule (§2.5) is not checked yet; an unassigned code point
 * is accepted, as for a "stored string" query (RFC 3454 §7).
 */
public final class SaslPrep {
    private SaslPrep() {}

    /** The prepared string, or {@code null} when it holds a prohibited character (RFC 4013 §2.3). */
    public static String prepare(String s) {
        StringBuilder mapped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (mappedToNothing(cp)) {
                continue; // RFC 4013 §2.1, RFC 3454 table B.1
            }
            mapped.appendCodePoint(nonAsciiSpace(cp) ? ' ' : cp); // RFC 4013 §2.1, table C.1.2
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (prohibited(cp)) {
                return null;
            }
        }
        return normalized;
    }

    /** RFC 3454 table B.1. */
    private static boolean mappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 3454 table C.1.2. */
    private static boolean nonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 4013 §2.3: tables C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9. */
    private static boolean prohibited(int cp) {
        if (cp != ' ' && nonAsciiSpace(cp)) {
            return true;
        }
        if (cp <= 0x1F || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
            return true; // C.2.1, C.2.2 (control characters)
        }
        if (cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C || cp == 0x200D || cp == 0x2028
                || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFC) || (cp >= 0x1D173 && cp <= 0x1D17A)) {
            return true; // C.2.2
        }
        if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD)) {
            return true; // C.3 private use
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return true; // C.4 non-characters
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return true; // C.5 surrogates
        }
        if (cp >= 0xFFF9 && cp <= 0xFFFD) {
            return true; // C.6
        }
        if (cp >= 0x2FF0 && cp <= 0x2FFB) {
            return true; // C.7
        }
        if (cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x206A && cp <= 0x206F)) {
            return true; // C.8
        }
        return cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F); // C.9
    }
}
