package dev.sotto.engine.zrtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.codecs.zrtp.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** RFC 6189 §4.5.1, checked against the formula written out here with javax.crypto.Mac. */
class ZrtpKdfTest {

    private static byte[] fill(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + 3 * i);
        }
        return b;
    }

    /** HMAC(KI, 00000001 || Label || 00 || Context || L), truncated to L bits. */
    private static byte[] formula(String hmac, byte[] ki, String label, byte[] context, int l) throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(new byte[] {0, 0, 0, 1});
        in.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        in.write(0);
        in.writeBytes(context);
        in.writeBytes(new byte[] {(byte) (l >>> 24), (byte) (l >>> 16), (byte) (l >>> 8), (byte) l});
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(ki, hmac));
        return Arrays.copyOf(mac.doFinal(in.toByteArray()), l / 8);
    }

    @Test
    void sha256KdfMatchesTheFormula() throws Exception {
        byte[] s0 = fill(32, 7);
        byte[] context = ZrtpKdf.kdfContext(fill(12, 1), fill(12, 50), fill(32, 99));
        assertThat(context).hasSize(56);
        ZrtpKdf kdf = ZrtpKdf.of(HashAlgorithm.S256);
        assertThat(kdf.hashLengthBits()).isEqualTo(256);
        assertThat(kdf.derive(s0, "SAS", context, 256)).isEqualTo(formula("HmacSHA256", s0, "SAS", context, 256));
        assertThat(kdf.derive(s0, "Initiator SRTP master key", context, 128))
                .isEqualTo(formula("HmacSHA256", s0, "Initiator SRTP master key", context, 128));
        assertThat(kdf.derive(s0, "Initiator SRTP master salt", context, 112)).hasSize(14)
                .isEqualTo(formula("HmacSHA256", s0, "Initiator SRTP master salt", context, 112));
        // L is inside the HMAC: a shorter L is not a prefix of a longer one.
        assertThat(kdf.derive(s0, "SAS", context, 128))
                .isNotEqualTo(Arrays.copyOf(kdf.derive(s0, "SAS", context, 256), 16));
    }

    @Test
    void sha384KdfMatchesTheFormula() throws Exception {
        byte[] s0 = fill(48, 11);
        byte[] context = fill(12 + 12 + 48, 5);
        ZrtpKdf kdf = ZrtpKdf.of(HashAlgorithm.S384);
        assertThat(kdf.hashLengthBits()).isEqualTo(384);
        assertThat(kdf.derive(s0, "ZRTP Session Key", context, 384))
                .isEqualTo(formula("HmacSHA384", s0, "ZRTP Session Key", context, 384));
        assertThat(kdf.derive(s0, "SAS", context, 256)).isEqualTo(formula("HmacSHA384", s0, "SAS", context, 256));
        assertThat(kdf.hash(fill(3, 0), fill(4, 9)))
                .isEqualTo(MessageDigest.getInstance("SHA-384").digest(HexFormat.of().parseHex("000306090c0f12")));
    }

    @Test
    void hmacSha256KnownAnswerRfc4231Case2() {
        // RFC 4231 §4.3 (cited by RFC 6189 §5.1.2.1): key "Jefe", data "what do ya want for nothing?".
        byte[] mac = ZrtpKdf.of(HashAlgorithm.S256).hmac("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want ".getBytes(StandardCharsets.US_ASCII),
                "for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void lengthAndLabelRules() {
        ZrtpKdf kdf = ZrtpKdf.of(HashAlgorithm.S256);
        assertThatThrownBy(() -> kdf.derive(new byte[32], "SAS", new byte[0], 384))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kdf.derive(new byte[32], "SAS", new byte[0], 12))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kdf.derive(new byte[32], "S\0S", new byte[0], 256))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZrtpKdf.of(HashAlgorithm.N256)).isInstanceOf(IllegalArgumentException.class);
    }
}
