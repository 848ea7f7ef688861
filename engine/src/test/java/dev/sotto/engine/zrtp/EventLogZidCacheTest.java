package dev.sotto.engine.zrtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.ZrtpCacheMismatch;
import dev.sotto.engine.event.ZrtpRetainedSecretUpdated;
import dev.sotto.engine.event.ZrtpSasVerified;
import dev.sotto.engine.event.ZrtpSecureOn;
import dev.sotto.engine.event.ZrtpZidAssigned;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fold rules of the log-backed ZID cache (RFC 6189 §4.9, §4.6.1, §4.6.1.1, §7.1), event by event. */
class EventLogZidCacheTest {

    private static final Instant T = Instant.parse("2027-01-01T00:00:00Z");
    private static final byte[] PEER = HexFormat.of().parseHex("0c0b0a090807060504030201");
    private static final String PEER_HEX = "0c0b0a090807060504030201";

    private static Secret filled(int v) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) v);
        return Secret.of(b);
    }

    @Test
    void noZidUntilOneIsAssignedThenItIsNeverAssignedAgain() {
        EventLogZidCache c = EventLogZidCache.empty();
        assertThatThrownBy(c::localZid).isInstanceOf(IllegalStateException.class);
        ZrtpZidAssigned first = c.zidToAssign(ZrtpEndpointTest.seeded(1), T).orElseThrow();
        assertThat(first.zid()).hasSize(12);
        c.apply(first);
        assertThat(c.localZid()).isEqualTo(first.zid());
        assertThat(c.zidToAssign(ZrtpEndpointTest.seeded(2), T)).isEmpty();
        // §4.9: a ZID is changed by generating a new one; the last assignment in the log wins
        byte[] other = HexFormat.of().parseHex("00112233445566778899aabb");
        c.apply(new ZrtpZidAssigned(other, T.plusSeconds(1)));
        assertThat(c.localZid()).isEqualTo(other);
    }

    @Test
    void retainedSecretsReplaceTheEntryAndTheFlagEventsOnlyTouchV() {
        EventLogZidCache c = EventLogZidCache.empty();
        c.apply(new ZrtpSasVerified(PEER_HEX, true, T)); // no entry yet: nothing to flag
        assertThat(c.lookup(PEER)).isEmpty();
        c.apply(new ZrtpRetainedSecretUpdated(PEER_HEX, filled(1), Optional.empty(), false, T));
        c.apply(new ZrtpSasVerified(PEER_HEX, true, T));
        assertThat(c.lookup(PEER).orElseThrow().sasVerified()).isTrue();
        c.apply(new ZrtpRetainedSecretUpdated(PEER_HEX, filled(2), Optional.of(filled(1)), true, T));
        ZidCacheEntry e = c.lookup(PEER).orElseThrow();
        assertThat(e.rs1().sameValue(filled(2))).isTrue();
        assertThat(e.rs2().orElseThrow().sameValue(filled(1))).isTrue();
        // §4.6.1.1: a mismatch keeps rs1/rs2 and clears V
        c.apply(new ZrtpCacheMismatch(PEER_HEX, "4xoh", T));
        ZidCacheEntry after = c.lookup(PEER).orElseThrow();
        assertThat(after.sasVerified()).isFalse();
        assertThat(after.rs1().sameValue(filled(2))).isTrue();
        assertThat(after.rs2().orElseThrow().sameValue(filled(1))).isTrue();
        // transient events change nothing
        c.apply(new ZrtpSecureOn(PEER_HEX, "4xoh", "B32", "S256", "AES1", "HS32", "X255", "INITIATOR", true, true, false,
                T));
        assertThat(c.lookup(PEER).orElseThrow().sasVerified()).isFalse();
        assertThat(c.peers()).isEqualTo(1);
        assertThat(c.toString()).doesNotContain("0202").contains("peers=1");
    }
}
