package dev.sotto.engine.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-CM pseudo-random function that turns a master key and master salt into session keys, with key
 * derivation rate 0: the keys are derived once, at index 0 (RFC 3711 §4.3.1, §4.3.3; AES-256 per RFC 6188
 * §3; the GCM profiles use the same PRF per RFC 7714 §11).
 */
public final class SrtpKeyDerivation {

    /** RFC 3711 §4.3.1 labels. */
    public static final int LABEL_SRTP_ENCRYPTION = 0x00;
    public static final int LABEL_SRTP_AUTHENTICATION = 0x01;
    public static final int LABEL_SRTP_SALT = 0x02;
    public static final int LABEL_SRTCP_ENCRYPTION = 0x03;
    public static final int LABEL_SRTCP_AUTHENTICATION = 0x04;
    public static final int LABEL_SRTCP_SALT = 0x05;

    /** The PRF input block is 128 bits; the salt occupies its first 112 (RFC 3711 §4.3.3). */
    private static final int BLOCK = 16;
    private static final int SALT_FIELD = 14;

    private SrtpKeyDerivation() {}

    /**
     * Derives {@code length} octets for {@code label}. With kdr 0, r = index DIV kdr is 0, so
     * key_id = label || 0^48 and x = key_id XOR master_salt (RFC 3711 §4.3.1); the keystream of AES-CM
     * keyed with the master key from IV x * 2^16 is the output (§4.3.3). A 96-bit GCM master salt is
     * placed in the leftmost octets of the 112-bit field, followed by zero octets.
     */
    public static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        if (masterKey.length != 16 && masterKey.length != 24 && masterKey.length != 32) {
            throw new IllegalArgumentException("AES master key must be 128, 192 or 256 bits");
        }
        if (masterSalt.length > SALT_FIELD) {
            throw new IllegalArgumentException("master salt longer than 112 bits");
        }
        byte[] counter = new byte[BLOCK];
        System.arraycopy(masterSalt, 0, counter, 0, masterSalt.length);
        // key_id (label || r, 56 bits) is right-aligned in the 112-bit field: the label sits in octet 7.
        counter[7] ^= (byte) label;
        int blocks = (length + BLOCK - 1) / BLOCK;
        byte[] input = new byte[blocks * BLOCK];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(counter, 0, input, b * BLOCK, BLOCK);
            input[b * BLOCK + 14] = (byte) (b >>> 8);
            input[b * BLOCK + 15] = (byte) b;
        }
        SecretKeySpec key = new SecretKeySpec(masterKey, "AES");
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key);
            byte[] keystream = aes.doFinal(input);
            byte[] out = Arrays.copyOf(keystream, length);
            Arrays.fill(keystream, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is required of every JCE provider", e);
        }
    }
}
