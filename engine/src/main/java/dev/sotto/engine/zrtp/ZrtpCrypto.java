package dev.sotto.engine.zrtp;

import dev.sotto.codecs.zrtp.HashAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash, MAC, KDF and Confirm cipher of RFC 6189 through JCE, every parameter named. Stateless; each call
 * gets fresh JCE objects (a handshake makes a few dozen calls, none on a media hot path).
 */
final class ZrtpCrypto {

    private ZrtpCrypto() {}

    static String digestName(HashAlgorithm hash) {
        switch (hash.name()) {
            case "S256": return "SHA-256";
            case "S384": return "SHA-384";
            default: throw new IllegalArgumentException("unsupported hash " + hash.name());
        }
    }

    static String hmacName(HashAlgorithm hash) {
        switch (hash.name()) {
            case "S256": return "HmacSHA256";
            case "S384": return "HmacSHA384";
            default: throw new IllegalArgumentException("unsupported hash " + hash.name());
        }
    }

    /** Octets of the negotiated hash (§5.1.2). */
    static int hashLength(HashAlgorithm hash) {
        return "S384".equals(hash.name()) ? 48 : 32;
    }

    static byte[] hash(HashAlgorithm hash, byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance(digestName(hash));
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks " + hash.name(), e);
        }
    }

    /** The implicit hash, SHA-256 (§5.1.2.2): the hash chain and the a=zrtp-hash. */
    static byte[] implicitHash(byte[]... parts) {
        return hash(HashAlgorithm.S256, parts);
    }

    static byte[] hmac(HashAlgorithm hash, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(hmacName(hash));
            mac.init(new SecretKeySpec(key, hmacName(hash)));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks " + hmacName(hash), e);
        }
    }

    /** A MAC truncated to its leftmost 64 bits (§5.2, §4.3.1, §4.6). */
    static byte[] mac64(HashAlgorithm hash, byte[] key, byte[] data) {
        return Arrays.copyOf(hmac(hash, key, data), 8);
    }

    /** The implicit MAC (HMAC-SHA-256) keyed by the hash chain, truncated to 64 bits (§5.1.2.2, §8.1.1). */
    static byte[] implicitMac64(byte[] key, byte[] data) {
        return mac64(HashAlgorithm.S256, key, data);
    }

    /** MAC over {@code message} minus its trailing 8-octet MAC field. */
    static byte[] messageMac(byte[] key, byte[] encodedMessage) {
        return implicitMac64(key, Arrays.copyOf(encodedMessage, encodedMessage.length - 8));
    }

    /** Checks the trailing 64-bit MAC of an encoded message in constant time. */
    static boolean messageMacValid(byte[] key, byte[] encodedMessage) {
        byte[] expected = messageMac(key, encodedMessage);
        byte[] actual = Arrays.copyOfRange(encodedMessage, encodedMessage.length - 8, encodedMessage.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** KDF(KI, Label, Context, L) = HMAC(KI, i || Label || 0x00 || Context || L) truncated to L bits (§4.5.1). */
    static byte[] kdf(HashAlgorithm hash, byte[] ki, String label, byte[] context, int lengthBits) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] out = hmac(hash, ki, ByteBuffer.allocate(4).putInt(1).array(), labelBytes, new byte[] {0}, context,
                ByteBuffer.allocate(4).putInt(lengthBits).array());
        byte[] truncated = Arrays.copyOf(out, lengthBits / 8);
        Arrays.fill(out, (byte) 0);
        return truncated;
    }

    /** Full-block (128-bit feedback) AES-CFB of the Confirm messages (§5.7); the last block is truncated. */
    static byte[] confirmCipher(boolean encrypt, byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/CFB128/NoPadding");
            c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new IvParameterSpec(iv));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks AES/CFB128", e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    static void wipe(byte[]... values) {
        for (byte[] v : values) {
            if (v != null) {
                Arrays.fill(v, (byte) 0);
            }
        }
    }

    private static final String BASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769";

    /** §5.1.6: the leftmost 20 bits of sasvalue as four base32 characters, most significant quintet first. */
    static String sasB32(byte[] sashash) {
        int bits = ByteBuffer.wrap(sashash, 0, 4).getInt();
        StringBuilder s = new StringBuilder(4);
        for (int i = 0, shift = 27; i != 4; ++i, shift -= 5) {
            s.append(BASE32.charAt((bits >>> shift) & 31));
        }
        return s.toString();
    }

    /** §5.1.6: the leftmost 16 bits of sasvalue as two PGP words (even word list, then odd word list). */
    static String sasB256(byte[] sashash) {
        String[][] words = PgpWords.WORDS;
        return words[sashash[0] & 0xFF][0] + " " + words[sashash[1] & 0xFF][1];
    }

    /** The PGP word list (../shared/specs/pgp-wordlist.txt), loaded once: "hex even odd" per line. */
    private static final class PgpWords {
        static final String[][] WORDS = load();

        private static String[][] load() {
            String[][] w = new String[256][];
            try (java.io.InputStream in = ZrtpCrypto.class.getResourceAsStream("pgp-wordlist.txt")) {
                String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                for (String line : text.split("\n")) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length == 3) {
                        w[Integer.parseInt(f[0], 16)] = new String[] {f[1], f[2]};
                    }
                }
            } catch (java.io.IOException | NullPointerException e) {
                throw new IllegalStateException("PGP word list missing from the engine jar", e);
            }
            return w;
        }
    }
}
