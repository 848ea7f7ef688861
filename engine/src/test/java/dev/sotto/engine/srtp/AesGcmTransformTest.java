package dev.sotto.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The GCM that {@link AesGcmTransform} assembles from AES/ECB and {@link Ghash} must be byte-identical to
 * the JCE's AES/GCM/NoPadding (the reference here) for RTP and SRTCP, with and without SRTCP encryption,
 * over random keys, salts, header and payload lengths (0 to a few blocks, unaligned), and must reject any
 * single flipped bit without touching the buffer. Seeded loop: the seed is printed on failure.
 */
class AesGcmTransformTest {

    private static final int MAX = 1500;

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    void matchesJceGcmAndRejectsFlippedBits(SrtpProfile profile) throws Exception {
        long seed = Seeds.seed();
        SplittableRandom r = Seeds.random(seed);
        for (int trial = 0; trial < 400; trial++) {
            byte[] srtpKey = bytes(r, profile.masterKeyLength());
            byte[] srtcpKey = bytes(r, profile.masterKeyLength());
            byte[] srtpSalt = bytes(r, 12);
            byte[] srtcpSalt = bytes(r, 12);
            SrtpSessionKeys keys = new SrtpSessionKeys(srtpKey, srtpSalt, new byte[0], srtcpKey, srtcpSalt, new byte[0]);
            AesGcmTransform transform = new AesGcmTransform(profile, keys, MAX);
            int ssrc = r.nextInt();
            String where = Seeds.replay(seed) + ", trial " + trial;

            // RTP: header of 12..60 octets as AAD, payload of 0..200 octets.
            int header = 12 + 4 * r.nextInt(13);
            int payload = r.nextInt(201);
            long index = r.nextLong(1L << 48);
            byte[] plain = bytes(r, header + payload);
            byte[] buf = Arrays.copyOf(plain, header + payload + 16);
            int len = transform.protectRtp(buf, 0, header + payload, header, ssrc, index);
            byte[] iv = rtpIv(srtpSalt, ssrc, index);
            byte[] expected = jceSeal(srtpKey, iv, Arrays.copyOf(plain, header), Arrays.copyOfRange(plain, header, plain.length));
            assertThat(len).as(where).isEqualTo(header + payload + 16);
            assertThat(Arrays.copyOfRange(buf, header, len)).as(where).isEqualTo(expected);
            assertThat(Arrays.copyOf(buf, header)).as(where).isEqualTo(Arrays.copyOf(plain, header));
            byte[] flipped = buf.clone();
            flipped[r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
            byte[] before = flipped.clone();
            assertThat(transform.unprotectRtp(flipped, 0, len, header, ssrc, index)).as(where).isEqualTo(-1);
            assertThat(flipped).as(where + ": a rejected packet is left as it was").isEqualTo(before);
            assertThat(transform.unprotectRtp(buf, 0, len, header, ssrc, index)).as(where).isEqualTo(header + payload);
            assertThat(Arrays.copyOf(buf, header + payload)).as(where).isEqualTo(plain);

            // SRTCP, encrypted (RFC 7714 §9.2) and unencrypted (§9.3).
            for (boolean encrypt : new boolean[] {true, false}) {
                int rtcpLength = 8 + r.nextInt(120);
                int srtcpIndex = r.nextInt() & 0x7fffffff;
                byte[] rtcp = bytes(r, rtcpLength);
                byte[] out = Arrays.copyOf(rtcp, rtcpLength + 20);
                int outLength = transform.protectRtcp(out, 0, rtcpLength, ssrc, srtcpIndex, encrypt);
                int eIndex = (encrypt ? 0x80000000 : 0) | srtcpIndex;
                byte[] word = {(byte) (eIndex >>> 24), (byte) (eIndex >>> 16), (byte) (eIndex >>> 8), (byte) eIndex};
                byte[] rtcpIv = rtcpIv(srtcpSalt, ssrc, srtcpIndex);
                byte[] jce = encrypt
                        ? concat(Arrays.copyOf(rtcp, 8), jceSeal(srtcpKey, rtcpIv, concat(Arrays.copyOf(rtcp, 8), word),
                                Arrays.copyOfRange(rtcp, 8, rtcpLength)), word)
                        : concat(rtcp, jceSeal(srtcpKey, rtcpIv, concat(rtcp, word), new byte[0]), word);
                assertThat(Arrays.copyOf(out, outLength)).as(where + (encrypt ? " srtcp E=1" : " srtcp E=0")).isEqualTo(jce);
                byte[] bad = out.clone();
                bad[r.nextInt(outLength - 4)] ^= (byte) (1 << r.nextInt(8));
                assertThat(transform.unprotectRtcp(bad, 0, outLength, ssrc, eIndex, outLength - 4)).as(where).isEqualTo(-1);
                assertThat(transform.unprotectRtcp(out, 0, outLength, ssrc, eIndex, outLength - 4)).as(where).isEqualTo(rtcpLength);
                assertThat(Arrays.copyOf(out, rtcpLength)).as(where).isEqualTo(rtcp);
            }
        }
    }

    private static byte[] jceSeal(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(aad);
        return gcm.doFinal(plaintext);
    }

    /** RFC 7714 §8.1, computed independently of the transform. */
    private static byte[] rtpIv(byte[] salt, int ssrc, long index) {
        byte[] iv = new byte[12];
        iv[2] = (byte) (ssrc >>> 24);
        iv[3] = (byte) (ssrc >>> 16);
        iv[4] = (byte) (ssrc >>> 8);
        iv[5] = (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            iv[6 + i] = (byte) (index >>> (40 - 8 * i));
        }
        return xor(iv, salt);
    }

    /** RFC 7714 §9.1. */
    private static byte[] rtcpIv(byte[] salt, int ssrc, int srtcpIndex) {
        byte[] iv = new byte[12];
        iv[2] = (byte) (ssrc >>> 24);
        iv[3] = (byte) (ssrc >>> 16);
        iv[4] = (byte) (ssrc >>> 8);
        iv[5] = (byte) ssrc;
        iv[8] = (byte) (srtcpIndex >>> 24);
        iv[9] = (byte) (srtcpIndex >>> 16);
        iv[10] = (byte) (srtcpIndex >>> 8);
        iv[11] = (byte) srtcpIndex;
        return xor(iv, salt);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
