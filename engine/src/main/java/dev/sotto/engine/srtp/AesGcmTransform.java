package dev.sotto.engine.srtp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM and AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714 §8, §9), GCM per NIST SP 800-38D
 * with a 96-bit IV and a 128-bit tag.
 *
 * <p>The JCE's AES/GCM allocates a new engine (and needs a new parameter spec) on every init, and every
 * packet has a new IV. So GCM is assembled here from a reused AES/ECB Cipher (initialised once per key)
 * that encrypts the counter blocks J0, inc32(J0), ... into a reused keystream buffer (SP 800-38D §7.1
 * steps 1-3), and {@link Ghash} on preallocated tables: nothing is allocated per packet. Results are
 * byte-identical to the JCE's AES/GCM (checked by the tests against it and by the RFC 7714 vectors).
 * Unprotect verifies the tag before it decrypts anything. One instance per context, one thread.
 */
final class AesGcmTransform implements SrtpTransform {

    /** RFC 7714 §12: the AEAD authentication tag is 128 bits. */
    private static final int TAG = 16;
    private static final int IV = 12;
    private static final int BLOCK = 16;
    private static final int SRTCP_WORD = 4;

    /** AES under one session key, its GHASH key, and its salt. */
    private static final class Keys {
        final Cipher aes;
        final Ghash ghash;
        final byte[] salt;

        Keys(byte[] encryptionKey, byte[] salt) throws GeneralSecurityException {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"));
            // SP 800-38D §6.4: H = CIPH_K(0^128).
            byte[] h = aes.doFinal(new byte[BLOCK]);
            ghash = new Ghash(h);
            java.util.Arrays.fill(h, (byte) 0);
            this.salt = salt.clone();
        }
    }

    private final Keys srtp;
    private final Keys srtcp;
    private final byte[] iv = new byte[IV];
    private final byte[] word = new byte[SRTCP_WORD];
    /** Counter blocks J0, inc32(J0), ... and their encryptions: E_K(J0) first, then the keystream. */
    private final byte[] counterBlocks;
    private final byte[] keystream;
    private final byte[] computedTag = new byte[TAG];
    private final byte[] receivedTag = new byte[TAG];

    AesGcmTransform(SrtpProfile profile, SrtpSessionKeys keys, int maxPacketLength) {
        if (keys.srtpSalt().length != IV || keys.srtcpSalt().length != IV || profile.srtpTagLength() != TAG) {
            throw new IllegalArgumentException("AES-GCM SRTP needs 96-bit salts and a 128-bit tag");
        }
        try {
            srtp = new Keys(keys.srtpEncryptionKey(), keys.srtpSalt());
            srtcp = new Keys(keys.srtcpEncryptionKey(), keys.srtcpSalt());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is required of every JCE provider", e);
        }
        int blocks = 1 + (maxPacketLength + BLOCK - 1) / BLOCK;
        counterBlocks = new byte[blocks * BLOCK];
        keystream = new byte[blocks * BLOCK];
    }

    @Override
    public void destroy() {
        for (Keys k : new Keys[] {srtp, srtcp}) {
            java.util.Arrays.fill(k.salt, (byte) 0);
            k.ghash.destroy();
        }
        java.util.Arrays.fill(iv, (byte) 0);
        java.util.Arrays.fill(keystream, (byte) 0);
        java.util.Arrays.fill(counterBlocks, (byte) 0);
        java.util.Arrays.fill(computedTag, (byte) 0);
    }

    @Override
    public int srtpTrailer() {
        return TAG;
    }

    @Override
    public int srtcpTrailer() {
        return TAG + SRTCP_WORD;
    }

    /** RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt. */
    private void srtpIv(int ssrc, long index) {
        byte[] salt = srtp.salt;
        int roc = (int) (index >>> 16);
        int seq = (int) index & 0xffff;
        iv[0] = salt[0];
        iv[1] = salt[1];
        iv[2] = (byte) (salt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (salt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (salt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (salt[5] ^ ssrc);
        iv[6] = (byte) (salt[6] ^ (roc >>> 24));
        iv[7] = (byte) (salt[7] ^ (roc >>> 16));
        iv[8] = (byte) (salt[8] ^ (roc >>> 8));
        iv[9] = (byte) (salt[9] ^ roc);
        iv[10] = (byte) (salt[10] ^ (seq >>> 8));
        iv[11] = (byte) (salt[11] ^ seq);
    }

    /** RFC 7714 §9.1: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt. */
    private void srtcpIv(int ssrc, int srtcpIndex) {
        byte[] salt = srtcp.salt;
        int index = srtcpIndex & 0x7fffffff;
        iv[0] = salt[0];
        iv[1] = salt[1];
        iv[2] = (byte) (salt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (salt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (salt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (salt[5] ^ ssrc);
        iv[6] = salt[6];
        iv[7] = salt[7];
        iv[8] = (byte) (salt[8] ^ (index >>> 24));
        iv[9] = (byte) (salt[9] ^ (index >>> 16));
        iv[10] = (byte) (salt[10] ^ (index >>> 8));
        iv[11] = (byte) (salt[11] ^ index);
    }

    /**
     * SP 800-38D §7.1 steps 1-3 for a 96-bit IV: J0 = IV || 0^31 || 1 and the counter blocks inc32(J0)...
     * for {@code length} octets, all encrypted in one ECB call: keystream[0..16) is E_K(J0), the tag mask;
     * keystream[16..) encrypts the text.
     */
    private void keystream(Keys k, int length) {
        int blocks = 1 + (length + BLOCK - 1) / BLOCK;
        long ivHi = Ghash.getLong(iv, 0);
        long ivLo = (long) (iv[8] & 0xff) << 56 | (long) (iv[9] & 0xff) << 48 | (long) (iv[10] & 0xff) << 40
                | (long) (iv[11] & 0xff) << 32;
        for (int i = 0; i < blocks; i++) {
            int at = i * BLOCK;
            // IV || [i + 1]32: J0 for i = 0, then inc32 (the counter never wraps: packets are < 2^32 blocks).
            Ghash.putLong(counterBlocks, at, ivHi);
            Ghash.putLong(counterBlocks, at + 8, ivLo | (i + 1));
        }
        try {
            k.aes.update(counterBlocks, 0, blocks * BLOCK, keystream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("keystream buffer is sized for the largest packet", e);
        }
    }

    private void xorKeystream(byte[] buf, int at, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            Ghash.putLong(buf, at + i, Ghash.getLong(buf, at + i) ^ Ghash.getLong(keystream, BLOCK + i));
        }
        for (; i < length; i++) {
            buf[at + i] ^= keystream[BLOCK + i];
        }
    }

    /** True when the tag at {@code buf[tagAt..tagAt+16)} equals the computed one (constant-time comparison). */
    private boolean tagMatches(byte[] buf, int tagAt) {
        System.arraycopy(buf, tagAt, receivedTag, 0, TAG);
        return MessageDigest.isEqual(computedTag, receivedTag);
    }

    @Override
    public int protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        srtpIv(ssrc, index);
        int textLength = len - headerLength;
        keystream(srtp, textLength);
        xorKeystream(buf, off + headerLength, textLength);
        // RFC 7714 §8.2: the whole RTP header (CSRCs and extension included) is associated data.
        Ghash g = srtp.ghash;
        g.reset();
        g.update(buf, off, headerLength);
        g.padSection();
        g.update(buf, off + headerLength, textLength);
        g.finish(headerLength, textLength, keystream, 0, buf, off + len);
        return len + TAG;
    }

    @Override
    public int unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        int textLength = len - headerLength - TAG;
        if (textLength < 0) {
            return -1;
        }
        srtpIv(ssrc, index);
        keystream(srtp, textLength);
        Ghash g = srtp.ghash;
        g.reset();
        g.update(buf, off, headerLength);
        g.padSection();
        g.update(buf, off + headerLength, textLength);
        g.finish(headerLength, textLength, keystream, 0, computedTag, 0);
        // SP 800-38D §7.2: nothing is decrypted unless the tag verifies.
        if (!tagMatches(buf, off + headerLength + textLength)) {
            return -1;
        }
        xorKeystream(buf, off + headerLength, textLength);
        return headerLength + textLength;
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypt) {
        srtcpIv(ssrc, srtcpIndex);
        int eIndex = (encrypt ? 0x80000000 : 0) | (srtcpIndex & 0x7fffffff);
        putInt(word, 0, eIndex);
        Ghash g = srtcp.ghash;
        g.reset();
        int cipherEnd;
        if (encrypt) {
            // RFC 7714 §9.2: AAD = first 8 octets || ESRTCP word; the rest is plaintext.
            int textLength = len - 8;
            keystream(srtcp, textLength);
            xorKeystream(buf, off + 8, textLength);
            g.update(buf, off, 8);
            g.update(word, 0, SRTCP_WORD);
            g.padSection();
            g.update(buf, off + 8, textLength);
            g.finish(8 + SRTCP_WORD, textLength, keystream, 0, buf, off + len);
        } else {
            // RFC 7714 §9.3: the whole packet and the ESRTCP word are AAD; the cipher is the tag alone.
            keystream(srtcp, 0);
            g.update(buf, off, len);
            g.update(word, 0, SRTCP_WORD);
            g.finish(len + SRTCP_WORD, 0, keystream, 0, buf, off + len);
        }
        cipherEnd = len + TAG;
        putInt(buf, off + cipherEnd, eIndex);
        return cipherEnd + SRTCP_WORD;
    }

    @Override
    public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eIndexWord, int wordOffset) {
        srtcpIv(ssrc, eIndexWord);
        System.arraycopy(buf, off + wordOffset, word, 0, SRTCP_WORD);
        int tagAt = wordOffset - TAG;
        Ghash g = srtcp.ghash;
        g.reset();
        if (eIndexWord < 0) {
            int textLength = tagAt - 8;
            if (textLength < 0) {
                return -1;
            }
            keystream(srtcp, textLength);
            g.update(buf, off, 8);
            g.update(word, 0, SRTCP_WORD);
            g.padSection();
            g.update(buf, off + 8, textLength);
            g.finish(8 + SRTCP_WORD, textLength, keystream, 0, computedTag, 0);
            if (!tagMatches(buf, off + tagAt)) {
                return -1;
            }
            xorKeystream(buf, off + 8, textLength);
            return tagAt;
        }
        if (tagAt < 0) {
            return -1;
        }
        keystream(srtcp, 0);
        g.update(buf, off, tagAt);
        g.update(word, 0, SRTCP_WORD);
        g.finish(tagAt + SRTCP_WORD, 0, keystream, 0, computedTag, 0);
        return tagMatches(buf, off + tagAt) ? tagAt : -1;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
