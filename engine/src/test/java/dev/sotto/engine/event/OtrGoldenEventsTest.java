package dev.sotto.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.otr.OtrFixtures;
import dev.sotto.engine.otr.OtrLongTermKey;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every old OTR event stays readable: golden bytes made by protoc from text format (see golden/README). */
class OtrGoldenEventsTest {

    private static final String BOB_FP = "DB560F22 6C94C3C3 F5498569 32D84DDC FCAB6FCE";
    private final OtrEventCodec codec = new OtrEventCodec();

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = OtrGoldenEventsTest.class.getResourceAsStream("golden/" + name + ".bin")) {
            return in.readAllBytes();
        }
    }

    private void assertGolden(String name, OtrEvent expected) throws IOException {
        byte[] bytes = golden(name);
        assertThat(codec.decode(bytes)).isEqualTo(expected);
        assertThat(codec.encode(expected)).isEqualTo(bytes);
    }

    @Test
    void keyGenerated() throws IOException {
        OtrLongTermKey key = OtrFixtures.key(0);
        byte[] x = new BigInteger(1, key.privateKey().bytes()).toByteArray();
        if (x[0] == 0) {
            x = java.util.Arrays.copyOfRange(x, 1, x.length);
        }
        OtrKeyGenerated expected = new OtrKeyGenerated("alice@example.org", key.publicKey().encode(), Secret.of(x),
                key.fingerprint().display(), Instant.parse("2026-01-01T00:00:00Z"));
        assertGolden("v1-key-generated", expected);
        assertThat(expected.toString()).doesNotContain(new BigInteger(1, x).toString(16)).contains("fingerprint=");
    }

    @Test
    void fingerprintSeen() throws IOException {
        assertGolden("v1-fingerprint-seen", new OtrFingerprintSeen("alice@example.org", "bob@example.org", BOB_FP,
                Instant.parse("2026-01-01T00:00:01Z")));
    }

    @Test
    void trustChanged() throws IOException {
        assertGolden("v1-trust-changed", new OtrTrustChanged("alice@example.org", "bob@example.org", BOB_FP,
                OtrTrust.VERIFIED_SMP, Instant.parse("2026-01-01T00:00:02Z")));
    }

    @Test
    void instanceTag() throws IOException {
        assertGolden("v1-instance-tag", new OtrInstanceTagAssigned("alice@example.org", 0x5a73a599,
                Instant.parse("2026-01-01T00:00:03Z")));
    }

    @Test
    void policyChanged() throws IOException {
        assertGolden("v1-policy-changed", new OtrPolicyChanged("alice@example.org", "bob@example.org", "always", true,
                Instant.parse("2026-01-01T00:00:04Z")));
        // A policy a later version added reads as "unknown" (null): the record changes nothing instead of failing.
        assertThat(codec.decode(golden("v1-policy-changed-unknown"))).isEqualTo(new OtrPolicyChanged(
                "alice@example.org", "bob@example.org", null, false, Instant.parse("2026-01-01T00:00:04.500Z")));
        for (String name : new String[] {"never", "manual", "opportunistic", "always"}) {
            OtrPolicyChanged e = new OtrPolicyChanged("a@x", "b@x", name, false, Instant.ofEpochMilli(7));
            assertThat(codec.decode(codec.encode(e))).isEqualTo(e);
        }
        assertThatThrownBy(() -> codec.encode(new OtrPolicyChanged("a@x", "b@x", "sometimes", false,
                Instant.ofEpochMilli(7)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void historyPolicyChanged() throws IOException {
        assertGolden("v1-history-policy-changed", new OtrHistoryPolicyChanged("alice@example.org", "bob@example.org",
                true, Instant.parse("2026-01-01T00:00:05Z")));
    }

    @Test
    void everyTrustLevelRoundTripsAndGarbageIsRejectedAsIllegalArgument() {
        for (OtrTrust t : OtrTrust.values()) {
            OtrTrustChanged e = new OtrTrustChanged("a@x", "b@x", BOB_FP, t, Instant.ofEpochMilli(5));
            assertThat(codec.decode(codec.encode(e))).isEqualTo(e);
        }
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xff, 1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
