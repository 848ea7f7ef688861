package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.otr.DataMessage;
import dev.sotto.codecs.otr.OtrLimits;
import dev.sotto.codecs.otr.OtrText;
import dev.sotto.codecs.otr.OtrTextCodec;
import dev.sotto.engine.event.OtrKeyGenerated;
import dev.sotto.engine.sansio.Output;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OtrPolicyAndHeartbeatTest {

    private final long seed = OtrFixtures.seed();

    private Party party(int tag, int key, OtrPolicy policy, long s) {
        return new Party(OtrConfig.of(tag, OtrFixtures.key(key)).withPolicy(policy)
                .withHeartbeatNanos(60_000_000_000L), OtrFixtures.random(s));
    }

    @Test
    void heartbeatIsSentOnlyAfterTheConfiguredQuietTimeWithIgnoreUnreadable() {
        Party a = party(0x1000, 0, OtrPolicy.MANUAL, seed);
        Party b = party(0x2000, 1, OtrPolicy.MANUAL, seed + 1);
        a.apply(a.session.start(a.now));
        Party.pump(a, b);
        a.send("one");
        b.receive(a.drain().get(0));
        assertThat(b.drain()).as("b sent recently (the AKE)").isEmpty();
        b.now += 61_000_000_000L;
        a.send("two");
        b.receive(a.drain().get(0));
        String heartbeat = b.drain().get(0);
        DataMessage d = (DataMessage) ((OtrText.Encoded) ((DecodeResult.Ok<OtrText>) OtrTextCodec.decode(heartbeat,
                OtrLimits.DEFAULT)).value()).message();
        assertThat(d.ignoreUnreadable()).isTrue();
        a.receive(heartbeat);
        assertThat(a.received()).as("a heartbeat is not displayed").isEmpty();
        assertThat(b.received()).containsExactly("one", "two");
    }

    @Test
    void errorMessageStartsAkeOnlyWithErrorStartAke() {
        Party opportunistic = party(0x1000, 0, OtrPolicy.OPPORTUNISTIC, seed);
        opportunistic.receive("?OTR Error: something");
        assertThat(opportunistic.notices(OtrNotice.ErrorReceived.class)).hasSize(1);
        assertThat(opportunistic.drain()).containsExactly("?OTRv3?");
        Party manual = party(0x1000, 0, OtrPolicy.MANUAL, seed);
        manual.receive("?OTR Error: something");
        assertThat(manual.drain()).isEmpty();
    }

    @Test
    void policyNeverPassesEverythingThroughAndManualIgnoresWhitespaceTags() {
        Party never = party(0x1000, 0, OtrPolicy.NEVER, seed);
        never.receive("?OTRv3?");
        assertThat(never.drain()).isEmpty();
        assertThat(never.received()).containsExactly("?OTRv3?");
        Party manual = party(0x1000, 0, OtrPolicy.MANUAL, seed);
        manual.receive("hi" + OtrTextCodec.whitespaceTag(java.util.Set.of(3)));
        assertThat(manual.drain()).isEmpty();
        assertThat(manual.received()).containsExactly("hi");
        Party v2Only = party(0x1000, 0, OtrPolicy.MANUAL.withV2(true), seed);
        v2Only.receive("?OTRv2?");
        assertThat(v2Only.drain()).singleElement().satisfies(m -> assertThat(m).startsWith("?OTR:AAIC"));
    }

    @Test
    void opportunisticSendStopsTaggingAfterAPlaintextReply() {
        Party a = party(0x1000, 0, OtrPolicy.OPPORTUNISTIC.withV2(true), seed);
        a.send("first");
        assertThat(a.drain().get(0)).isEqualTo("first" + OtrTextCodec.whitespaceTag(java.util.Set.of(2, 3)));
        a.receive("plain reply");
        a.send("second");
        assertThat(a.drain()).containsExactly("second");
    }

    @Test
    void generatedLongTermKeyIsPinnedDsa1024Over160AndComesBackAsAnEvent() {
        Output.Compute job = OtrKeyGeneration.job("alice@x", OtrFixtures.random(seed),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        OtrKeyGenerated e = (OtrKeyGenerated) job.job().run();
        OtrLongTermKey key = OtrKeyGeneration.fromEvent(e);
        assertThat(key).isNotNull();
        assertThat(key.publicKey().p().bitLength()).isEqualTo(1024);
        assertThat(key.publicKey().q().bitLength()).isEqualTo(160);
        assertThat(e.fingerprint()).isEqualTo(key.fingerprint().display());
        assertThat(job.id()).isEqualTo("otr-keygen:alice@x");
    }
}
