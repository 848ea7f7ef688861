package dev.sotto.persistence.vault;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * Turns a passphrase into the bytes fed to the KDF, following the OpaqueString profile of
 * RFC 8265 §4.2: non-ASCII spaces map to U+0020 (§4.2.2 rule 1) and the result is NFC (rule 3);
 * an empty result is refused (§4.2.2 "the string MUST NOT be zero length").
 *
 * <p>The caller's {@code char[]} is not modified; every intermediate copy this class makes is zeroed.
 * The JDK's {@link Normalizer} can only return a {@code String}: that path runs only when the input is
 * not already NFC (never for ASCII passphrases), and the string is left to the garbage collector.
 */
public final class Passphrase {
    private Passphrase() {}

    /** Returns the UTF-8 bytes of the normalized passphrase; the caller zeroes them after use. */
    public static byte[] normalizedUtf8(char[] passphrase) {
        char[] mapped = Arrays.copyOf(passphrase, passphrase.length);
        try {
            for (int i = 0; i < mapped.length; i++) {
                // RFC 8265 §4.2.1: "Width Mapping" does not apply; "Additional Mapping": non-ASCII space -> SPACE.
                if (mapped[i] > 0x7f && Character.getType(mapped[i]) == Character.SPACE_SEPARATOR) {
                    mapped[i] = ' ';
                }
            }
            CharBuffer chars = CharBuffer.wrap(mapped);
            if (!Normalizer.isNormalized(chars, Normalizer.Form.NFC)) {
                chars = CharBuffer.wrap(Normalizer.normalize(chars, Normalizer.Form.NFC));
            }
            if (!chars.hasRemaining()) {
                throw new IllegalArgumentException("empty passphrase");
            }
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .encode(chars);
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
            return out;
        } catch (java.nio.charset.CharacterCodingException e) {
            // An unpaired surrogate: not a string RFC 8265 accepts.
            throw new IllegalArgumentException("passphrase is not valid Unicode");
        } finally {
            Arrays.fill(mapped, '\0');
        }
    }
}
