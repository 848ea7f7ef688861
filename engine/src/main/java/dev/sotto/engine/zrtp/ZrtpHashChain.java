package dev.sotto.engine.zrtp;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash chain of RFC 6189 §9: H0 a 256-bit random nonce, H1 = hash(H0), H2 = hash(H1), H3 = hash(H2), and the
 * 64-bit message MACs keyed by the chain (Hello by H2, Commit by H1, DHPart1/DHPart2 by H0: §5.2, §5.4–§5.6).
 * §5.1.2.2: the chain and these MACs always use the implicit hash, SHA-256 and HMAC-SHA-256, for protocol 1.10,
 * whatever hash is negotiated; the chain is "truncated to 256 bits", which SHA-256 already is.
 */
public final class ZrtpHashChain {

    /** 256 bits (§9). */
    public static final int IMAGE_LENGTH = 32;
    /** The MAC at the end of Hello, Commit and DHPart messages: 64 bits. */
    public static final int MESSAGE_MAC_LENGTH = 8;

    private final byte[] h0;
    private final byte[] h1;
    private final byte[] h2;
    private final byte[] h3;

    private ZrtpHashChain(byte[] h0) {
        this.h0 = h0.clone();
        this.h1 = hash(this.h0);
        this.h2 = hash(h1);
        this.h3 = hash(h2);
    }

    /** A fresh chain from a random H0 (§9: unpredictable and unique per session). */
    public static ZrtpHashChain generate(SecureRandom random) {
        byte[] h0 = new byte[IMAGE_LENGTH];
        random.nextBytes(h0);
        return new ZrtpHashChain(h0);
    }

    /** The chain from a known H0. */
    public static ZrtpHashChain fromH0(byte[] h0) {
        if (h0.length != IMAGE_LENGTH) {
            throw new IllegalArgumentException("H0 is 256 bits");
        }
        return new ZrtpHashChain(h0);
    }

    public byte[] h0() {
        return h0.clone();
    }

    public byte[] h1() {
        return h1.clone();
    }

    public byte[] h2() {
        return h2.clone();
    }

    public byte[] h3() {
        return h3.clone();
    }

    /** The implicit hash SHA-256 (§5.1.2.2) truncated to 256 bits. */
    public static byte[] hash(byte[] preimage) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(preimage), IMAGE_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JCE lacks SHA-256", e);
        }
    }

    /** §9: true when hash(preimage) is the image received earlier (Hn = hash(Hn−1)); constant-time compare. */
    public static boolean isPreimage(byte[] preimage, byte[] image) {
        return preimage != null && image != null && preimage.length == IMAGE_LENGTH
                && MessageDigest.isEqual(hash(preimage), image);
    }

    /**
     * The 64-bit MAC of a Hello, Commit or DHPart message: HMAC-SHA-256 keyed with the sender's preimage
     * (H2, H1 or H0) over the whole message except its final MAC field, truncated to 64 bits.
     *
     * @param key the sender's H2 (Hello), H1 (Commit) or H0 (DHPart)
     * @param messageBytes the whole message as sent, MAC field included (its value is ignored)
     */
    public static byte[] messageMac(byte[] key, byte[] messageBytes) {
        if (messageBytes.length < MESSAGE_MAC_LENGTH) {
            throw new IllegalArgumentException("message shorter than its MAC");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(messageBytes, 0, messageBytes.length - MESSAGE_MAC_LENGTH);
            return Arrays.copyOf(mac.doFinal(), MESSAGE_MAC_LENGTH);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("bad MAC key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks HmacSHA256", e);
        }
    }

    /**
     * §9: checks the MAC that ends {@code messageBytes} once the key (the next preimage) is known, e.g. the
     * peer's Hello against the H2 derived from its Commit or DHPart. Constant-time compare; false for messages
     * too short to carry a MAC.
     */
    public static boolean verifyMessageMac(byte[] key, byte[] messageBytes) {
        if (key == null || messageBytes == null || messageBytes.length < MESSAGE_MAC_LENGTH || key.length == 0) {
            return false;
        }
        byte[] expected = messageMac(key, messageBytes);
        byte[] got = Arrays.copyOfRange(messageBytes, messageBytes.length - MESSAGE_MAC_LENGTH, messageBytes.length);
        return MessageDigest.isEqual(expected, got);
    }

    /** §8.1: the Hello Hash of a=zrtp-hash, SHA-256 of the whole Hello message, as 64 lowercase hex digits. */
    public static String helloHash(byte[] helloMessageBytes) {
        return java.util.HexFormat.of().formatHex(hash(helloMessageBytes));
    }

    @Override
    public String toString() {
        // H0..H2 are preimages still to be revealed: never printed.
        return "ZrtpHashChain";
    }
}
