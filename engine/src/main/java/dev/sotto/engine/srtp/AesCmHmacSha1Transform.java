package dev.sotto.engine.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode (RFC 3711 §4.1.1; AES-256 per RFC 6188 §2) with HMAC-SHA1 (RFC 3711 §4.2.1).
 *
 * <p>The counter blocks are encrypted with a reused AES/ECB cipher into a reused keystream buffer, then
 * XORed into the packet: no cipher re-initialisation and no allocation per packet. One instance belongs to
 * one context on one thread.
 */
final class AesCmHmacSha1Transform implements SrtpTransform {

    private static final int BLOCK = 16;
    private static final int SRTCP_WORD = 4;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Keys srtp;
    private final Keys srtcp;
    private final int srtpTagLength;
    private final int srtcpTagLength;
    private byte[] counterBlocks;
    private byte[] keystream;
    private final byte[] macOut = new byte[20];
    private final byte[] rocBytes = new byte[4];
    private final byte[] srtpComputed;
    private final byte[] srtpReceived;
    private final byte[] srtcpComputed;
    private final byte[] srtcpReceived;

    /** Session keys and reused primitives for one of SRTP or SRTCP. */
    private static final class Keys {
        final Cipher aes;
        final HmacSha1 hmac;
        final byte[] salt;

        Keys(byte[] encryptionKey, byte[] salt, byte[] authKey) throws GeneralSecurityException {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"));
            hmac = new HmacSha1(authKey);
            this.salt = salt.clone();
        }
    }

    AesCmHmacSha1Transform(SrtpProfile profile, SrtpSessionKeys keys, int maxPacketLength) {
        try {
            srtp = new Keys(keys.srtpEncryptionKey(), keys.srtpSalt(), keys.srtpAuthKey());
            srtcp = new Keys(keys.srtcpEncryptionKey(), keys.srtcpSalt(), keys.srtcpAuthKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding and HmacSHA1 are required of every JCE provider", e);
        }
        srtpTagLength = profile.srtpTagLength();
        srtcpTagLength = profile.srtcpTagLength();
        srtpComputed = new byte[srtpTagLength];
        srtpReceived = new byte[srtpTagLength];
        srtcpComputed = new byte[srtcpTagLength];
        srtcpReceived = new byte[srtcpTagLength];
        int blocks = (maxPacketLength + BLOCK - 1) / BLOCK;
        counterBlocks = new byte[blocks * BLOCK];
        keystream = new byte[blocks * BLOCK];
    }

    @Override
    public void destroy() {
        for (Keys k : new Keys[] {srtp, srtcp}) {
            java.util.Arrays.fill(k.salt, (byte) 0);
            k.hmac.destroy();
        }
        java.util.Arrays.fill(keystream, (byte) 0);
        java.util.Arrays.fill(counterBlocks, (byte) 0);
        java.util.Arrays.fill(macOut, (byte) 0);
    }

    @Override
    public int srtpTrailer() {
        return srtpTagLength;
    }

    @Override
    public int srtcpTrailer() {
        return SRTCP_WORD + srtcpTagLength;
    }

    @Override
    public int protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        crypt(srtp, buf, off + headerLength, len - headerLength, ssrc, index);
        // RFC 3711 §4.2: M = Authenticated Portion || ROC.
        authenticate(srtp, buf, off, len, (int) (index >>> 16), true);
        System.arraycopy(macOut, 0, buf, off + len, srtpTagLength);
        return len + srtpTagLength;
    }

    @Override
    public int unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        int authenticated = len - srtpTagLength;
        authenticate(srtp, buf, off, authenticated, (int) (index >>> 16), true);
        System.arraycopy(macOut, 0, srtpComputed, 0, srtpTagLength);
        System.arraycopy(buf, off + authenticated, srtpReceived, 0, srtpTagLength);
        // RFC 3711 §3.3 step 5: verify before decrypting; constant-time comparison.
        if (!MessageDigest.isEqual(srtpComputed, srtpReceived)) {
            return -1;
        }
        crypt(srtp, buf, off + headerLength, authenticated - headerLength, ssrc, index);
        return authenticated;
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypt) {
        // RFC 3711 §3.4: the encrypted portion starts after the first RTCP header and sender SSRC.
        if (encrypt) {
            crypt(srtcp, buf, off + 8, len - 8, ssrc, srtcpIndex & 0x7fffffffL);
        }
        int word = (encrypt ? 0x80000000 : 0) | (srtcpIndex & 0x7fffffff);
        putInt(buf, off + len, word);
        authenticate(srtcp, buf, off, len + SRTCP_WORD, 0, false);
        System.arraycopy(macOut, 0, buf, off + len + SRTCP_WORD, srtcpTagLength);
        return len + SRTCP_WORD + srtcpTagLength;
    }

    @Override
    public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eIndexWord, int wordOffset) {
        int authenticated = wordOffset + SRTCP_WORD;
        authenticate(srtcp, buf, off, authenticated, 0, false);
        System.arraycopy(macOut, 0, srtcpComputed, 0, srtcpTagLength);
        System.arraycopy(buf, off + authenticated, srtcpReceived, 0, srtcpTagLength);
        if (!MessageDigest.isEqual(srtcpComputed, srtcpReceived)) {
            return -1;
        }
        if (eIndexWord < 0) {
            crypt(srtcp, buf, off + 8, wordOffset - 8, ssrc, eIndexWord & 0x7fffffffL);
        }
        return wordOffset;
    }

    private void authenticate(Keys keys, byte[] buf, int off, int len, int roc, boolean withRoc) {
        HmacSha1 hmac = keys.hmac;
        hmac.update(buf, off, len);
        if (withRoc) {
            putInt(rocBytes, 0, roc);
            hmac.update(rocBytes, 0, 4);
        }
        hmac.doFinal(macOut, 0);
    }

    /**
     * XORs the AES-CM keystream into {@code buf[from, from + length)}. RFC 3711 §4.1.1:
     * IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), block j encrypts IV + j.
     */
    private void crypt(Keys keys, byte[] buf, int from, int length, int ssrc, long index) {
        if (length <= 0) {
            return;
        }
        int blocks = (length + BLOCK - 1) / BLOCK;
        int bytes = blocks * BLOCK;
        if (bytes > counterBlocks.length) {
            // Only a packet larger than any before grows the buffers; steady state allocates nothing.
            counterBlocks = new byte[bytes];
            keystream = new byte[bytes];
        }
        byte[] ctr = counterBlocks;
        byte[] salt = keys.salt;
        System.arraycopy(salt, 0, ctr, 0, 14);
        ctr[4] ^= (byte) (ssrc >>> 24);
        ctr[5] ^= (byte) (ssrc >>> 16);
        ctr[6] ^= (byte) (ssrc >>> 8);
        ctr[7] ^= (byte) ssrc;
        ctr[8] ^= (byte) (index >>> 40);
        ctr[9] ^= (byte) (index >>> 32);
        ctr[10] ^= (byte) (index >>> 24);
        ctr[11] ^= (byte) (index >>> 16);
        ctr[12] ^= (byte) (index >>> 8);
        ctr[13] ^= (byte) index;
        ctr[14] = 0;
        ctr[15] = 0;
        long high = (long) LONGS.get(ctr, 0);
        long low = (long) LONGS.get(ctr, 8);
        for (int j = 1; j < blocks; j++) {
            // The low 16 bits of the IV are zero, so adding j < 2^16 never carries out of them.
            LONGS.set(ctr, j * BLOCK, high);
            LONGS.set(ctr, j * BLOCK + 8, low | j);
        }
        try {
            keys.aes.update(ctr, 0, bytes, keystream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("keystream buffer sized to the counter blocks", e);
        }
        byte[] ks = keystream;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            LONGS.set(buf, from + i, (long) LONGS.get(buf, from + i) ^ (long) LONGS.get(ks, i));
        }
        for (; i < length; i++) {
            buf[from + i] ^= ks[i];
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
