package dev.sotto.engine.zrtp;

import dev.sotto.codecs.zrtp.HashAlgorithm;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the endpoint needs besides {@link ZrtpKdf}, {@link ZrtpHashChain}, {@link ZrtpKeyAgreement} and
 * {@link ZrtpSas}: the truncated negotiated MAC, the Confirm cipher and small byte helpers.
 */
final class ZrtpCrypto {

    private ZrtpCrypto() {}

    /** The negotiated MAC (§5.1.2.1) truncated to its leftmost 64 bits (§4.3.1 secret IDs, §4.6 confirm_mac). */
    static byte[] mac64(HashAlgorithm hash, byte[] key, byte[] data) {
        byte[] full = ZrtpKdf.of(hash).hmac(key, data);
        return Arrays.copyOf(full, 8);
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
}
