package dev.sotto.engine.otr;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JCE primitives OTR uses, every parameter named: AES-128 in CTR mode without padding, SHA-1,
 * SHA-256, HMAC-SHA1 and HMAC-SHA256. A missing JCE algorithm is a broken JDK, not hostile input, so it is
 * an {@link IllegalStateException}.
 */
public final class OtrPrimitives {

    private OtrPrimitives() {}

    public static byte[] sha1(byte[]... parts) {
        return digest("SHA-1", parts);
    }

    public static byte[] sha256(byte[]... parts) {
        return digest("SHA-256", parts);
    }

    private static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        return hmac("HmacSHA256", key, parts);
    }

    public static byte[] hmacSha1(byte[] key, byte[]... parts) {
        return hmac("HmacSHA1", key, parts);
    }

    /** SHA256-HMAC-160: "the first 160 bits of the SHA256-HMAC" (OTR v3 "Reveal Signature Message"). */
    public static byte[] hmacSha256_160(byte[] key, byte[]... parts) {
        byte[] full = hmacSha256(key, parts);
        byte[] out = new byte[20];
        System.arraycopy(full, 0, out, 0, 20);
        return out;
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /** AES-128-CTR with a 16-byte initial counter block; encryption and decryption are the same. */
    public static byte[] aes128Ctr(byte[] key16, byte[] counter16, byte[] data) {
        if (key16.length != 16 || counter16.length != 16) {
            throw new IllegalArgumentException("AES-128-CTR needs a 16-byte key and counter");
        }
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key16, "AES"), new IvParameterSpec(counter16));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding unavailable", e);
        }
    }

    /** AES-128-CTR with initial counter 0 (the AKE's "initial counter value 0"). */
    public static byte[] aes128CtrZero(byte[] key16, byte[] data) {
        return aes128Ctr(key16, new byte[16], data);
    }
}
