package dev.sotto.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.engine.crypto.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every old ZRTP event stays readable: golden bytes made by protoc from text format (see golden/README). */
class ZrtpGoldenEventsTest {

    private static final String PEER = "0c0b0a090807060504030201";
    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    private final ZrtpEventCodec codec = new ZrtpEventCodec();

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = ZrtpGoldenEventsTest.class.getResourceAsStream("golden/" + name + ".bin")) {
            return in.readAllBytes();
        }
    }

    @Test
    void zidAssigned() throws IOException {
        ZrtpZidAssigned expected = new ZrtpZidAssigned(HexFormat.of().parseHex("5a5254500001020304050607"), T0);
        assertThat(codec.decode(golden("zrtp-v1-zid-assigned"))).isEqualTo(expected);
        assertThat(codec.encode(expected)).isEqualTo(golden("zrtp-v1-zid-assigned"));
    }

    @Test
    void retainedSecretUpdated() throws IOException {
        byte[] rs1 = new byte[32];
        byte[] rs2 = new byte[32];
        Arrays.fill(rs1, (byte) 0x11);
        Arrays.fill(rs2, (byte) 0x22);
        ZrtpRetainedSecretUpdated expected = new ZrtpRetainedSecretUpdated(PEER, Secret.of(rs1),
                Optional.of(Secret.of(rs2)), true, T0.plusSeconds(1));
        ZrtpRetainedSecretUpdated got = (ZrtpRetainedSecretUpdated) codec.decode(golden("zrtp-v1-retained-secret-updated"));
        assertThat(got.peerZid()).isEqualTo(PEER);
        assertThat(got.rs1().bytes()).isEqualTo(rs1);
        assertThat(got.rs2().orElseThrow().bytes()).isEqualTo(rs2);
        assertThat(got.sasVerified()).isTrue();
        assertThat(got.at()).isEqualTo(T0.plusSeconds(1));
        assertThat(codec.encode(expected)).isEqualTo(golden("zrtp-v1-retained-secret-updated"));
        // secrets never print
        assertThat(got.toString()).doesNotContain("1111").doesNotContain("2222").contains(PEER);
    }

    @Test
    void retainedSecretWithoutRs2RoundTrips() {
        ZrtpRetainedSecretUpdated first = new ZrtpRetainedSecretUpdated(PEER, Secret.of(new byte[32]), Optional.empty(),
                false, T0);
        ZrtpRetainedSecretUpdated back = (ZrtpRetainedSecretUpdated) codec.decode(codec.encode(first));
        assertThat(back.rs2()).isEmpty();
    }

    @Test
    void sasVerified() throws IOException {
        ZrtpSasVerified expected = new ZrtpSasVerified(PEER, true, T0.plusSeconds(2));
        assertThat(codec.decode(golden("zrtp-v1-sas-verified"))).isEqualTo(expected);
        assertThat(codec.encode(expected)).isEqualTo(golden("zrtp-v1-sas-verified"));
    }

    @Test
    void cacheMismatch() throws IOException {
        ZrtpCacheMismatch expected = new ZrtpCacheMismatch(PEER, "4xoh", T0.plusSeconds(3));
        assertThat(codec.decode(golden("zrtp-v1-cache-mismatch"))).isEqualTo(expected);
        assertThat(codec.encode(expected)).isEqualTo(golden("zrtp-v1-cache-mismatch"));
    }

    @Test
    void transientEventsRoundTrip() {
        ZrtpSecureOn on = new ZrtpSecureOn(PEER, "4xoh", "B32", "S256", "AES1", "HS32", "X255", "INITIATOR", true, false,
                false, T0);
        assertThat(codec.decode(codec.encode(on))).isEqualTo(on);
        ZrtpError err = new ZrtpError(0x62, false, "hvi-mismatch", T0);
        assertThat(codec.decode(codec.encode(err))).isEqualTo(err);
        ZrtpSecurityNotice notice = new ZrtpSecurityNotice(PEER, "goclear-bad-mac", T0);
        assertThat(codec.decode(codec.encode(notice))).isEqualTo(notice);
        ZrtpSasChanged changed = new ZrtpSasChanged(PEER, "tactics crossover", "B256", T0);
        assertThat(codec.decode(codec.encode(changed))).isEqualTo(changed);
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xff, 1, 2})).isInstanceOf(IllegalArgumentException.class);
    }
}
