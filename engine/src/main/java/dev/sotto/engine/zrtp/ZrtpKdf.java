package dev.sotto.engine.zrtp;

import dev.sotto.codecs.zrtp.HashAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ZRTP key derivation function of RFC 6189 §4.5.1 with the HMAC of the negotiated hash (§5.1.2.1):
 *
 * <pre>KDF(KI, Label, Context, L) = HMAC(KI, i || Label || 0x00 || Context || L)</pre>
 *
 * with i the 32-bit big-endian counter 1, Label a string of nonzero octets, L the output length in bits as a
 * 32-bit big-endian integer, and the output truncated to the leftmost L bits. One instance per ZRTP session
 * (it holds a {@link Mac}); not for sharing across threads.
 */
public final class ZrtpKdf {

    private final HashAlgorithm hash;
    private final Mac mac;
    private final MessageDigest digest;

    private ZrtpKdf(HashAlgorithm hash, Mac mac, MessageDigest digest) {
        this.hash = hash;
        this.mac = mac;
        this.digest = digest;
    }

    /** The KDF of {@code hash}: S256 → HMAC-SHA-256, S384 → HMAC-SHA-384. */
    public static ZrtpKdf of(HashAlgorithm hash) {
        String macName;
        String digestName;
        if (hash.equals(HashAlgorithm.S256)) {
            macName = "HmacSHA256";
            digestName = "SHA-256";
        } else if (hash.equals(HashAlgorithm.S384)) {
            macName = "HmacSHA384";
            digestName = "SHA-384";
        } else {
            throw new IllegalArgumentException("unsupported hash type " + hash.name());
        }
        try {
            return new ZrtpKdf(hash, Mac.getInstance(macName), MessageDigest.getInstance(digestName));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks " + macName, e);
        }
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** The negotiated hash length in bits (256 or 384), the L of "negotiated hash length" in §4.5.2–§4.5.3. */
    public int hashLengthBits() {
        return 8 * mac.getMacLength();
    }

    /** The negotiated hash of the concatenated parts (§5.1.2.1), e.g. total_hash or s0. */
    public byte[] hash(byte[]... parts) {
        digest.reset();
        for (byte[] p : parts) {
            digest.update(p);
        }
        return digest.digest();
    }

    /** The negotiated MAC, full length (§5.1.2.1); callers truncate where a field is shorter. */
    public byte[] hmac(byte[] key, byte[]... parts) {
        try {
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC key rejected", e);
        }
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    /**
     * KDF(KI, Label, Context, L) of §4.5.1.
     *
     * @param ki the key derivation key, e.g. s0
     * @param label e.g. "Initiator SRTP master key"; nonzero ASCII octets
     * @param context e.g. KDF_Context = ZIDi || ZIDr || total_hash (§4.4.1.4)
     * @param lengthBits L: a positive multiple of 8, at most the negotiated hash length
     */
    public byte[] derive(byte[] ki, String label, byte[] context, int lengthBits) {
        if (lengthBits <= 0 || lengthBits % 8 != 0 || lengthBits > hashLengthBits()) {
            throw new IllegalArgumentException("L must be a whole number of octets up to the hash length");
        }
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        for (byte b : labelBytes) {
            if (b == 0) {
                throw new IllegalArgumentException("a KDF label is nonzero octets");
            }
        }
        byte[] out = hmac(ki, ByteBuffer.allocate(4).putInt(1).array(), labelBytes, new byte[] {0}, context,
                ByteBuffer.allocate(4).putInt(lengthBits).array());
        return lengthBits / 8 == out.length ? out : Arrays.copyOf(out, lengthBits / 8);
    }

    /** KDF_Context = ZIDi || ZIDr || total_hash (§4.4.1.4). */
    public static byte[] kdfContext(byte[] zidi, byte[] zidr, byte[] totalHash) {
        return ByteBuffer.allocate(zidi.length + zidr.length + totalHash.length).put(zidi).put(zidr).put(totalHash)
                .array();
    }

    @Override
    public String toString() {
        return "ZrtpKdf[" + hash.name() + "]";
    }
}
