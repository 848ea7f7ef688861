package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.OtrWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Data Message keys for one (our key, their key) pair (OTR v3 "Computing AES keys, MAC keys, and the
 * secure session id"): h1(b) = SHA1(b || secbytes); the "high" end (numerically greater public key) sends
 * with byte 0x01 and receives with 0x02; MAC key = SHA1(AES key). The extra symmetric key is h2(0xFF).
 *
 * <p>Holds its own JCE {@link Cipher} and {@link Mac} instances (DESIGN.md: reuse per context, never across
 * sessions or threads): a session and its keys live on one event loop.
 */
final class SessionKeys {

    private final byte[] sendAes;
    private final byte[] sendMac;
    private final byte[] recvAes;
    private final byte[] recvMac;
    private final byte[] extraSymmetricKey;
    private Mac sendHmac;
    private Mac recvHmac;
    private Cipher sendCipher;
    private Cipher recvCipher;

    SessionKeys(byte[] sendAes, byte[] sendMac, byte[] recvAes, byte[] recvMac, byte[] extraSymmetricKey) {
        this.sendAes = sendAes;
        this.sendMac = sendMac;
        this.recvAes = recvAes;
        this.recvMac = recvMac;
        this.extraSymmetricKey = extraSymmetricKey;
    }

    static SessionKeys derive(DhKeyPair ours, BigInteger theirPublic) {
        byte[] secbytes = OtrWriter.mpiBytes(ours.agree(theirPublic));
        boolean high = ours.publicKey().compareTo(theirPublic) > 0;
        int sendByte = high ? 0x01 : 0x02;
        int recvByte = high ? 0x02 : 0x01;
        byte[] sendAes = Arrays.copyOf(OtrPrimitives.sha1(new byte[] {(byte) sendByte}, secbytes), 16);
        byte[] recvAes = Arrays.copyOf(OtrPrimitives.sha1(new byte[] {(byte) recvByte}, secbytes), 16);
        return new SessionKeys(sendAes, OtrPrimitives.sha1(sendAes), recvAes, OtrPrimitives.sha1(recvAes),
                AkeKeys.h2(0xFF, secbytes));
    }

    byte[] sendAes() {
        return sendAes;
    }

    byte[] sendMac() {
        return sendMac;
    }

    byte[] recvAes() {
        return recvAes;
    }

    byte[] recvMac() {
        return recvMac;
    }

    byte[] extraSymmetricKey() {
        return extraSymmetricKey;
    }

    /** HMAC-SHA1 with the sending MAC key. */
    byte[] macForSending(byte[] data) {
        if (sendHmac == null) {
            sendHmac = hmacSha1(sendMac);
        }
        return sendHmac.doFinal(data);
    }

    /** HMAC-SHA1 with the receiving MAC key. */
    byte[] macForReceiving(byte[] data) {
        if (recvHmac == null) {
            recvHmac = hmacSha1(recvMac);
        }
        return recvHmac.doFinal(data);
    }

    /** AES-128-CTR with the sending key from the 16-byte initial counter. */
    byte[] encrypt(byte[] counter16, byte[] data) {
        if (sendCipher == null) {
            sendCipher = aesCtr();
        }
        return ctr(sendCipher, sendAes, counter16, data);
    }

    /** AES-128-CTR with the receiving key from the 16-byte initial counter. */
    byte[] decrypt(byte[] counter16, byte[] data) {
        if (recvCipher == null) {
            recvCipher = aesCtr();
        }
        return ctr(recvCipher, recvAes, counter16, data);
    }

    private static Mac hmacSha1(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    private static Cipher aesCtr() {
        try {
            return Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding unavailable", e);
        }
    }

    private static byte[] ctr(Cipher c, byte[] key, byte[] counter16, byte[] data) {
        try {
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter16));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CTR failed", e);
        }
    }

    @Override
    public String toString() {
        return "SessionKeys";
    }
}
