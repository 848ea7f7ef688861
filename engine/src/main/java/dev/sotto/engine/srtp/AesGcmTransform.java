package dev.sotto.engine.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM and AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714 §8, §9) through the JCE's
 * AES/GCM/NoPadding with a 128-bit tag. The Cipher objects are reused per context; JCE needs a fresh
 * {@link GCMParameterSpec} per packet because the IV changes with every packet.
 */
final class AesGcmTransform implements SrtpTransform {

    /** RFC 7714 §12: the AEAD authentication tag is 128 bits. */
    private static final int TAG_BITS = 128;
    private static final int TAG = TAG_BITS / 8;
    private static final int IV = 12;
    private static final int SRTCP_WORD = 4;

    private final Cipher srtpCipher;
    private final Cipher srtcpCipher;
    private final SecretKeySpec srtpKey;
    private final SecretKeySpec srtcpKey;
    private final byte[] srtpSalt;
    private final byte[] srtcpSalt;
    private final byte[] iv = new byte[IV];
    private final byte[] word = new byte[SRTCP_WORD];

    AesGcmTransform(SrtpProfile profile, SrtpSessionKeys keys) {
        try {
            srtpCipher = Cipher.getInstance("AES/GCM/NoPadding");
            srtcpCipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is required of every JCE provider", e);
        }
        srtpKey = new SecretKeySpec(keys.srtpEncryptionKey(), "AES");
        srtcpKey = new SecretKeySpec(keys.srtcpEncryptionKey(), "AES");
        srtpSalt = keys.srtpSalt().clone();
        srtcpSalt = keys.srtcpSalt().clone();
        if (srtpSalt.length != IV || srtcpSalt.length != IV || profile.srtpTagLength() != TAG) {
            throw new IllegalArgumentException("AES-GCM SRTP needs 96-bit salts and a 128-bit tag");
        }
    }

    @Override
    public void destroy() {
        java.util.Arrays.fill(srtpSalt, (byte) 0);
        java.util.Arrays.fill(srtcpSalt, (byte) 0);
        java.util.Arrays.fill(iv, (byte) 0);
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
        int roc = (int) (index >>> 16);
        int seq = (int) index & 0xffff;
        iv[0] = srtpSalt[0];
        iv[1] = srtpSalt[1];
        iv[2] = (byte) (srtpSalt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (srtpSalt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (srtpSalt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (srtpSalt[5] ^ ssrc);
        iv[6] = (byte) (srtpSalt[6] ^ (roc >>> 24));
        iv[7] = (byte) (srtpSalt[7] ^ (roc >>> 16));
        iv[8] = (byte) (srtpSalt[8] ^ (roc >>> 8));
        iv[9] = (byte) (srtpSalt[9] ^ roc);
        iv[10] = (byte) (srtpSalt[10] ^ (seq >>> 8));
        iv[11] = (byte) (srtpSalt[11] ^ seq);
    }

    /** RFC 7714 §9.1: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt. */
    private void srtcpIv(int ssrc, int srtcpIndex) {
        int index = srtcpIndex & 0x7fffffff;
        iv[0] = srtcpSalt[0];
        iv[1] = srtcpSalt[1];
        iv[2] = (byte) (srtcpSalt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (srtcpSalt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (srtcpSalt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (srtcpSalt[5] ^ ssrc);
        iv[6] = srtcpSalt[6];
        iv[7] = srtcpSalt[7];
        iv[8] = (byte) (srtcpSalt[8] ^ (index >>> 24));
        iv[9] = (byte) (srtcpSalt[9] ^ (index >>> 16));
        iv[10] = (byte) (srtcpSalt[10] ^ (index >>> 8));
        iv[11] = (byte) (srtcpSalt[11] ^ index);
    }

    @Override
    public int protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        srtpIv(ssrc, index);
        try {
            srtpCipher.init(Cipher.ENCRYPT_MODE, srtpKey, new GCMParameterSpec(TAG_BITS, iv));
            // RFC 7714 §8.2: the whole RTP header (CSRCs and extension included) is associated data.
            srtpCipher.updateAAD(buf, off, headerLength);
            return headerLength + srtpCipher.doFinal(buf, off + headerLength, len - headerLength, buf, off + headerLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption with a checked key and IV cannot fail", e);
        }
    }

    @Override
    public int unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        srtpIv(ssrc, index);
        try {
            srtpCipher.init(Cipher.DECRYPT_MODE, srtpKey, new GCMParameterSpec(TAG_BITS, iv));
            srtpCipher.updateAAD(buf, off, headerLength);
            return headerLength + srtpCipher.doFinal(buf, off + headerLength, len - headerLength, buf, off + headerLength);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption with a checked key and IV", e);
        }
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypt) {
        srtcpIv(ssrc, srtcpIndex);
        int eIndex = (encrypt ? 0x80000000 : 0) | (srtcpIndex & 0x7fffffff);
        putInt(word, 0, eIndex);
        try {
            srtcpCipher.init(Cipher.ENCRYPT_MODE, srtcpKey, new GCMParameterSpec(TAG_BITS, iv));
            int cipherEnd;
            if (encrypt) {
                // RFC 7714 §9.2: AAD = first 8 octets || ESRTCP word; the rest is plaintext.
                srtcpCipher.updateAAD(buf, off, 8);
                srtcpCipher.updateAAD(word, 0, SRTCP_WORD);
                cipherEnd = 8 + srtcpCipher.doFinal(buf, off + 8, len - 8, buf, off + 8);
            } else {
                // RFC 7714 §9.3: the whole packet and the ESRTCP word are AAD; the cipher is the tag alone.
                srtcpCipher.updateAAD(buf, off, len);
                srtcpCipher.updateAAD(word, 0, SRTCP_WORD);
                cipherEnd = len + srtcpCipher.doFinal(buf, off + len, 0, buf, off + len);
            }
            putInt(buf, off + cipherEnd, eIndex);
            return cipherEnd + SRTCP_WORD;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption with a checked key and IV cannot fail", e);
        }
    }

    @Override
    public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eIndexWord, int wordOffset) {
        srtcpIv(ssrc, eIndexWord);
        System.arraycopy(buf, off + wordOffset, word, 0, SRTCP_WORD);
        try {
            srtcpCipher.init(Cipher.DECRYPT_MODE, srtcpKey, new GCMParameterSpec(TAG_BITS, iv));
            if (eIndexWord < 0) {
                srtcpCipher.updateAAD(buf, off, 8);
                srtcpCipher.updateAAD(word, 0, SRTCP_WORD);
                return 8 + srtcpCipher.doFinal(buf, off + 8, wordOffset - 8, buf, off + 8);
            }
            int tagAt = wordOffset - TAG;
            srtcpCipher.updateAAD(buf, off, tagAt);
            srtcpCipher.updateAAD(word, 0, SRTCP_WORD);
            srtcpCipher.doFinal(buf, off + tagAt, TAG, buf, off + tagAt);
            return tagAt;
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption with a checked key and IV", e);
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
