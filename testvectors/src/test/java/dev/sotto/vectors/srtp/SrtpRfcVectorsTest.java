package dev.sotto.vectors.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.srtp.SrtpConfig;
import dev.sotto.engine.srtp.SrtpCryptoContext;
import dev.sotto.engine.srtp.SrtpKeyDerivation;
import dev.sotto.engine.srtp.SrtpProfile;
import dev.sotto.engine.srtp.SrtpSessionKeys;
import dev.sotto.engine.srtp.SrtpStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test table over {@code testvectors/vectors/srtp/}: RFC 3711 Appendix B.2 and B.3, RFC 6188 §7.1 and
 * §7.2, RFC 7714 §16 and §17. Every expected value is the RFC's.
 */
class SrtpRfcVectorsTest {

    static List<VectorFile> vectors() {
        return VectorFile.all();
    }

    @Test
    void everyRfcIsCovered() {
        assertThat(vectors()).extracting(VectorFile::type).contains("keystream", "kdf", "srtp", "srtcp");
        assertThat(vectors()).hasSize(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vector(VectorFile v) {
        switch (v.type()) {
            case "keystream" -> keystream(v);
            case "kdf" -> kdf(v);
            case "srtp" -> srtp(v);
            case "srtcp" -> srtcp(v);
            default -> throw new AssertionError(v + ": unknown type " + v.type());
        }
    }

    /**
     * The AES-CM keystream from IV = salt * 2^16: the PRF with label 0 is exactly that keystream, so the
     * whole segment comes from it; the first blocks are also checked through the SRTP packet path
     * (SSRC 0, ROC 0, SEQ 0 make the packet IV equal the salt * 2^16).
     */
    private static void keystream(VectorFile v) {
        byte[] key = v.hex("key");
        byte[] salt = v.hex("salt");
        int length = Integer.parseInt(v.text("segment-length"));
        byte[] segment = SrtpKeyDerivation.derive(key, salt, 0, length);
        int checked = 0;
        for (Map.Entry<String, String> e : v.fields().entrySet()) {
            if (e.getKey().startsWith("block-")) {
                int block = Integer.parseInt(e.getKey().substring(6), 16);
                assertThat(ByteBufUtil.hexDump(segment, block * 16, 16)).as(v + " " + e.getKey())
                        .isEqualToIgnoringCase(e.getValue());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6);
        assertThat(segment).hasSize(65282 * 16);

        SrtpProfile profile = key.length == 16 ? SrtpProfile.AES_CM_128_HMAC_SHA1_80 : SrtpProfile.AES_256_CM_HMAC_SHA1_80;
        byte[] auth = new byte[20];
        SrtpCryptoContext context = SrtpCryptoContext.fromSessionKeys(profile,
                new SrtpSessionKeys(key, salt, auth, key, salt, auth), SrtpConfig.DEFAULT);
        ByteBuf packet = Unpooled.buffer();
        packet.writeBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        packet.writeZero(48);
        assertThat(context.protectRtp(packet)).isEqualTo(SrtpStatus.OK);
        byte[] payload = ByteBufUtil.getBytes(packet, 12, 48);
        assertThat(payload).isEqualTo(Arrays.copyOf(segment, 48));
    }

    private static void kdf(VectorFile v) {
        byte[] masterKey = v.hex("master-key");
        byte[] masterSalt = v.hex("master-salt");
        int checked = 0;
        for (String name : v.fields().keySet()) {
            if (name.startsWith("label-")) {
                int label = Integer.parseInt(name.substring(6), 16);
                byte[] expected = v.hex(name);
                assertThat(SrtpKeyDerivation.derive(masterKey, masterSalt, label, expected.length)).as(v + " " + name)
                        .isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3);
    }

    private static SrtpSessionKeys sessionKeys(VectorFile v) {
        byte[] key = v.hex("session-key");
        byte[] salt = v.hex("session-salt");
        return new SrtpSessionKeys(key, salt, new byte[0], key, salt, new byte[0]);
    }

    private static void srtp(VectorFile v) {
        SrtpProfile profile = SrtpProfile.valueOf(v.text("profile"));
        assertThat(v.text("roc")).isEqualTo("0");
        SrtpCryptoContext sender = SrtpCryptoContext.fromSessionKeys(profile, sessionKeys(v), SrtpConfig.DEFAULT);
        ByteBuf packet = Unpooled.buffer().writeBytes(v.hex("plain"));
        assertThat(sender.protectRtp(packet)).isEqualTo(SrtpStatus.OK);
        assertThat(ByteBufUtil.getBytes(packet)).isEqualTo(v.hex("protected"));

        SrtpCryptoContext receiver = SrtpCryptoContext.fromSessionKeys(profile, sessionKeys(v), SrtpConfig.DEFAULT);
        ByteBuf wire = Unpooled.copiedBuffer(v.hex("protected"));
        assertThat(receiver.unprotectRtp(wire)).isEqualTo(SrtpStatus.OK);
        assertThat(ByteBufUtil.getBytes(wire)).isEqualTo(v.hex("plain"));
        // The same packet again is a replay (RFC 3711 §3.3.2).
        assertThat(receiver.unprotectRtp(Unpooled.copiedBuffer(v.hex("protected")))).isEqualTo(SrtpStatus.REPLAYED);
    }

    private static void srtcp(VectorFile v) {
        SrtpProfile profile = SrtpProfile.valueOf(v.text("profile"));
        SrtpConfig config = SrtpConfig.DEFAULT.withEncryptSrtcp(Boolean.parseBoolean(v.text("encrypt")));
        byte[] plain = v.hex("plain");
        int ssrc = Unpooled.wrappedBuffer(plain).getInt(4);
        SrtpCryptoContext sender = SrtpCryptoContext.fromSessionKeys(profile, sessionKeys(v), config);
        sender.startOutboundRtcp(ssrc, Integer.parseInt(v.text("index"), 16));
        ByteBuf packet = Unpooled.buffer().writeBytes(plain);
        assertThat(sender.protectRtcp(packet)).isEqualTo(SrtpStatus.OK);
        assertThat(ByteBufUtil.getBytes(packet)).isEqualTo(v.hex("protected"));

        SrtpCryptoContext receiver = SrtpCryptoContext.fromSessionKeys(profile, sessionKeys(v), SrtpConfig.DEFAULT);
        ByteBuf wire = Unpooled.copiedBuffer(v.hex("protected"));
        assertThat(receiver.unprotectRtcp(wire)).isEqualTo(SrtpStatus.OK);
        assertThat(ByteBufUtil.getBytes(wire)).isEqualTo(plain);
        assertThat(receiver.unprotectRtcp(Unpooled.copiedBuffer(v.hex("protected")))).isEqualTo(SrtpStatus.REPLAYED);
    }
}
