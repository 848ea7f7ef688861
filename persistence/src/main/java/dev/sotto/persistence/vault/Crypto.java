package dev.sotto.persistence.vault;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The vault's primitives, each with every parameter named (DESIGN.md, Crypto providers): AES-256-GCM
 * with 96-bit nonces and 128-bit tags from the JCE (the log's hot path has its own instances in
 * {@code RecordCodec}); Argon2id and HKDF from Bouncy Castle. An instance holds one {@link Cipher}: one per
 * thread, never shared.
 */
public final class Crypto {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    public static final int TAG_BITS = TAG_BYTES * 8;

    private final Cipher gcm;

    public Crypto() {
        try {
            this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks AES/GCM", e);
        }
    }

    /** AES-256-GCM encryption; returns ciphertext || tag. */
    public byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length) {
        try {
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad);
            return gcm.doFinal(plaintext, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM seal failed", e);
        }
    }

    /** AES-256-GCM decryption; returns null when the tag does not verify (never throws on bad input). */
    public byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext, int offset, int length) {
        if (length < TAG_BYTES || nonce.length != NONCE_BYTES) {
            return null;
        }
        try {
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad);
            return gcm.doFinal(ciphertext, offset, length);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM open failed", e);
        }
    }

    /** HKDF-SHA256 (RFC 5869) with an empty salt; {@code info} names the derived key's purpose. */
    public static byte[] hkdf(byte[] ikm, String info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(ikm, null, info.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }

    /** Argon2id version 0x13 (RFC 9106 §3.1) of the normalized passphrase; the key is 32 bytes. */
    public static byte[] argon2id(char[] passphrase, byte[] salt, KdfParams params) {
        byte[] password = Passphrase.normalizedUtf8(passphrase);
        try {
            Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withSalt(salt)
                    .withMemoryAsKB(params.memoryKiB())
                    .withIterations(params.iterations())
                    .withParallelism(params.parallelism())
                    .build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] key = new byte[KEY_BYTES];
            generator.generateBytes(password, key);
            return key;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    public static byte[] randomBytes(SecureRandom random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    public static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
