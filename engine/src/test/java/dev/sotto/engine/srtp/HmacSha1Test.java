package dev.sotto.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Our allocation-free HMAC-SHA1 against the JCE's {@code Mac} (the reference) on random keys and messages. */
class HmacSha1Test {

    @Test
    void agreesWithJceMac() throws Exception {
        long seed = Seeds.seed();
        SplittableRandom r = Seeds.random(seed);
        for (int i = 0; i < 300; i++) {
            byte[] key = new byte[r.nextInt(100) + 1];
            r.nextBytes(key);
            HmacSha1 ours = new HmacSha1(key);
            Mac jce = Mac.getInstance("HmacSHA1");
            jce.init(new SecretKeySpec(key, "HmacSHA1"));
            for (int m = 0; m < 3; m++) {
                byte[] msg = new byte[r.nextInt(300)];
                r.nextBytes(msg);
                ours.update(msg, 0, msg.length);
                byte[] out = new byte[HmacSha1.LENGTH + 3];
                ours.doFinal(out, 3);
                assertThat(java.util.Arrays.copyOfRange(out, 3, out.length)).as(Seeds.replay(seed))
                        .isEqualTo(jce.doFinal(msg));
            }
        }
    }

    @Test
    void rfc2202TestCase1() {
        // RFC 2202 §3 test case 1: key = 0x0b * 20, data = "Hi There".
        byte[] key = new byte[20];
        java.util.Arrays.fill(key, (byte) 0x0b);
        HmacSha1 h = new HmacSha1(key);
        byte[] data = "Hi There".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        h.update(data, 0, data.length);
        byte[] out = new byte[20];
        h.doFinal(out, 0);
        assertThat(java.util.HexFormat.of().formatHex(out)).isEqualTo("b617318655057264e28bc0b6fb378c8ef146be00");
    }
}
