package dev.sotto.engine.zrtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.zrtp.AuthTagType;
import dev.sotto.codecs.zrtp.CipherAlgorithm;
import dev.sotto.codecs.zrtp.HashAlgorithm;
import dev.sotto.codecs.zrtp.HelloMessage;
import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.codecs.zrtp.SasType;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** RFC 6189 §9 chain and §5.2/§5.4–§5.6 message MACs, against SHA-256/HMAC-SHA-256 computed here. */
class ZrtpHashChainTest {

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void chainIsSuccessiveSha256Images() throws Exception {
        byte[] h0 = new byte[32];
        Arrays.fill(h0, (byte) 0x5A);
        ZrtpHashChain c = ZrtpHashChain.fromH0(h0);
        assertThat(c.h0()).isEqualTo(h0);
        assertThat(c.h1()).isEqualTo(sha256(h0));
        assertThat(c.h2()).isEqualTo(sha256(sha256(h0)));
        assertThat(c.h3()).isEqualTo(sha256(sha256(sha256(h0))));
        assertThat(ZrtpHashChain.isPreimage(c.h2(), c.h3())).isTrue();
        assertThat(ZrtpHashChain.isPreimage(c.h1(), c.h2())).isTrue();
        assertThat(ZrtpHashChain.isPreimage(c.h0(), c.h1())).isTrue();
        assertThat(ZrtpHashChain.isPreimage(c.h0(), c.h3())).isFalse();
        assertThat(ZrtpHashChain.isPreimage(new byte[31], c.h1())).isFalse();
        assertThat(c.toString()).doesNotContain("5a");
    }

    @Test
    void sha256OfAbcIsTheFips180Value() {
        // FIPS 180-2 Appendix B.1.
        assertThat(HexFormat.of().formatHex(ZrtpHashChain.hash("abc".getBytes())))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void helloMacKeyedWithH2CoversAllButTheMac() throws Exception {
        ZrtpHashChain c = ZrtpHashChain.fromH0(new byte[32]);
        HelloMessage unsigned = new HelloMessage("1.10", "Sotto           ", c.h3(), new byte[12], false, false, false,
                List.of(HashAlgorithm.S256), List.of(CipherAlgorithm.AES1), List.of(AuthTagType.HS32),
                List.of(KeyAgreementType.DH3K), List.of(SasType.B32), new byte[8]);
        byte[] mac = ZrtpHashChain.messageMac(c.h2(), unsigned.encode());
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(c.h2(), "HmacSHA256"));
        byte[] body = unsigned.encode();
        assertThat(mac).isEqualTo(Arrays.copyOf(hmac.doFinal(Arrays.copyOf(body, body.length - 8)), 8));

        byte[] signed = unsigned.withMac(mac).encode();
        assertThat(ZrtpHashChain.verifyMessageMac(c.h2(), signed)).isTrue();
        assertThat(ZrtpHashChain.verifyMessageMac(c.h1(), signed)).isFalse();
        for (int i = 0; i < signed.length; i++) {
            byte[] tampered = signed.clone();
            tampered[i] ^= 0x40;
            assertThat(ZrtpHashChain.verifyMessageMac(c.h2(), tampered)).as("flip at " + i).isFalse();
        }
        assertThat(ZrtpHashChain.verifyMessageMac(c.h2(), new byte[7])).isFalse();
        assertThat(ZrtpHashChain.helloHash(signed)).isEqualTo(HexFormat.of().formatHex(sha256(signed)));
    }
}
