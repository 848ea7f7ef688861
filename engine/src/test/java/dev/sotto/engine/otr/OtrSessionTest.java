package dev.sotto.engine.otr;

import dev.sotto.engine.crypto.Secret;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtrSessionTest {

    private static final int ALICE_TAG = 0x1000;
    private static final int BOB_TAG = 0x2000;

    private final long seed = OtrFixtures.seed();

    private Party alice(OtrPolicy policy) {
        return new Party(OtrConfig.of(ALICE_TAG, OtrFixtures.key(0)).withPolicy(policy), OtrFixtures.random(seed));
    }

    private Party bob(OtrPolicy policy) {
        return new Party(OtrConfig.of(BOB_TAG, OtrFixtures.key(1)).withPolicy(policy), OtrFixtures.random(seed + 1));
    }

    private String ctx() {
        return "seed " + seed + " (-Dsotto.test.seed=" + seed + ")";
    }

    private void goPrivate(Party a, Party b) {
        a.apply(a.session.start(a.now));
        Party.pump(a, b);
        assertThat(a.session.messageState()).as(ctx()).isInstanceOf(EncryptedState.class);
        assertThat(b.session.messageState()).as(ctx()).isInstanceOf(EncryptedState.class);
    }

    @Test
    void queryStartsAkeAndBothSidesGoPrivateWithEachOthersFingerprintAndSameSsid() {
        Party a = alice(OtrPolicy.MANUAL);
        Party b = bob(OtrPolicy.MANUAL);
        goPrivate(a, b);
        OtrNotice.WentPrivate pa = a.notices(OtrNotice.WentPrivate.class).get(0);
        OtrNotice.WentPrivate pb = b.notices(OtrNotice.WentPrivate.class).get(0);
        assertThat(pa.theirFingerprint()).isEqualTo(OtrFixtures.key(1).fingerprint());
        assertThat(pb.theirFingerprint()).isEqualTo(OtrFixtures.key(0).fingerprint());
        assertThat(pa.ssid()).isEqualTo(pb.ssid());
        // Alice sent the query, so Bob sent the D-H Commit and the Reveal Signature.
        assertThat(pb.weSentRevealSignature()).isTrue();
        assertThat(pa.weSentRevealSignature()).isFalse();
        assertThat(pa.theirInstance()).isEqualTo(BOB_TAG);
        assertThat(pb.theirInstance()).isEqualTo(ALICE_TAG);
    }

    @Test
    void messagesBothWaysWithKeyRotationOverManyMessages() {
        Party a = alice(OtrPolicy.MANUAL);
        Party b = bob(OtrPolicy.MANUAL);
        goPrivate(a, b);
        List<String> sentByA = new ArrayList<>();
        List<String> sentByB = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String ma = "a" + i + " ünïcødé";
            a.send(ma);
            sentByA.add(ma);
            if (i % 3 == 0) {
                String mb = "b" + i;
                b.send(mb);
                sentByB.add(mb);
            }
            Party.pump(a, b);
        }
        assertThat(b.received()).as(ctx()).containsExactlyElementsOf(sentByA);
        assertThat(a.received()).as(ctx()).containsExactlyElementsOf(sentByB);
        EncryptedState ea = (EncryptedState) a.session.messageState();
        assertThat(ea.keys().ourKeyId()).as("keys rotated").isGreaterThan(10);
        assertThat(a.notices(OtrNotice.UnreadableMessage.class)).isEmpty();
        assertThat(b.notices(OtrNotice.UnreadableMessage.class)).isEmpty();
    }

    @Test
    void replayedDataMessageIsRejectedWithErrorAndSessionStaysIntact() {
        Party a = alice(OtrPolicy.MANUAL);
        Party b = bob(OtrPolicy.MANUAL);
        goPrivate(a, b);
        a.send("once");
        String wire = a.drain().get(0);
        b.receive(wire);
        b.receive(wire);
        assertThat(b.received()).containsExactly("once");
        assertThat(b.notices(OtrNotice.UnreadableMessage.class)).hasSize(1);
        assertThat(b.drain()).anySatisfy(m -> assertThat(m).startsWith("?OTR Error:"));
        a.send("twice");
        Party.pump(a, b);
        assertThat(b.received()).containsExactly("once", "twice");
    }

    @Test
    void simultaneousStartResolvesToOnePrivateSession() {
        Party a = alice(OtrPolicy.MANUAL);
        Party b = bob(OtrPolicy.MANUAL);
        a.apply(a.session.start(a.now));
        b.apply(b.session.start(b.now));
        Party.pump(a, b);
        assertThat(a.session.messageState()).as(ctx()).isInstanceOf(EncryptedState.class);
        assertThat(b.session.messageState()).as(ctx()).isInstanceOf(EncryptedState.class);
        a.send("hi");
        Party.pump(a, b);
        assertThat(b.received()).contains("hi");
    }

    @Test
    void endSendsDisconnectedAndPeerGoesFinishedAndHoldsMessages() {
        Party a = alice(OtrPolicy.MANUAL);
        Party b = bob(OtrPolicy.MANUAL);
        goPrivate(a, b);
        a.apply(a.session.end(a.now, a.random));
        Party.pump(a, b);
        assertThat(a.session.messageState()).isInstanceOf(PlaintextState.class);
        assertThat(b.session.messageState()).isInstanceOf(FinishedState.class);
        b.send("secret");
        assertThat(b.drain()).isEmpty();
        assertThat(b.notices(OtrNotice.SendHeld.class)).hasSize(1);
    }

    @Test
    void smpWithSameSecretSucceedsOnBothSidesAndWithQuestion() {
        Party a = alice(OtrPolicy.MANUAL);
        Party b = bob(OtrPolicy.MANUAL);
        goPrivate(a, b);
        Secret asked = Secret.ofUtf8("correct horse");
        a.apply(a.session.smpStart(asked, "What's our word?", a.now, a.random));
        assertThat(asked.isWiped()).as("the SMP secret is wiped once used").isTrue();
        Party.pump(a, b);
        assertThat(b.notices(OtrNotice.SmpRequested.class)).singleElement()
                .extracting(OtrNotice.SmpRequested::question).isEqualTo("What's our word?");
        Secret answered = Secret.ofUtf8("correct horse");
        b.apply(b.session.smpAnswer(answered, b.now, b.random));
        assertThat(answered.isWiped()).isTrue();
        Party.pump(a, b);
        assertThat(a.notices(OtrNotice.SmpResult.class)).as(ctx()).containsExactly(new OtrNotice.SmpResult(true));
        assertThat(b.notices(OtrNotice.SmpResult.class)).as(ctx()).containsExactly(new OtrNotice.SmpResult(true));
    }

    @Test
    void smpWithDifferentSecretsFailsOnBothSides() {
        Party a = alice(OtrPolicy.MANUAL);
        Party b = bob(OtrPolicy.MANUAL);
        goPrivate(a, b);
        a.apply(a.session.smpStart(Secret.ofUtf8("one"), null, a.now, a.random));
        Party.pump(a, b);
        b.apply(b.session.smpAnswer(Secret.ofUtf8("two"), b.now, b.random));
        Party.pump(a, b);
        assertThat(a.notices(OtrNotice.SmpResult.class)).containsExactly(new OtrNotice.SmpResult(false));
        assertThat(b.notices(OtrNotice.SmpResult.class)).containsExactly(new OtrNotice.SmpResult(false));
    }

    @Test
    void fragmentedMessagesReassemble() {
        Party a = new Party(OtrConfig.of(ALICE_TAG, OtrFixtures.key(0)).withPolicy(OtrPolicy.MANUAL)
                .withMaxMessageSize(140), OtrFixtures.random(seed));
        Party b = new Party(OtrConfig.of(BOB_TAG, OtrFixtures.key(1)).withPolicy(OtrPolicy.MANUAL)
                .withMaxMessageSize(140), OtrFixtures.random(seed + 1));
        goPrivate(a, b);
        String longText = "x".repeat(1000);
        a.send(longText);
        assertThat(a.outbox).hasSizeGreaterThan(5).allSatisfy(m -> assertThat(m.length()).isLessThanOrEqualTo(140));
        Party.pump(a, b);
        assertThat(b.received()).containsExactly(longText);
    }

    @Test
    void whitespaceTagStartsAkeOpportunistically() {
        Party a = alice(OtrPolicy.OPPORTUNISTIC);
        Party b = bob(OtrPolicy.OPPORTUNISTIC);
        a.send("hello");
        Party.pump(a, b);
        assertThat(b.received()).containsExactly("hello");
        assertThat(a.session.messageState()).isInstanceOf(EncryptedState.class);
        assertThat(b.session.messageState()).isInstanceOf(EncryptedState.class);
    }

    @Test
    void requireEncryptionHoldsMessageUntilPrivateThenSendsIt() {
        Party a = alice(OtrPolicy.ALWAYS);
        Party b = bob(OtrPolicy.ALWAYS);
        a.send("only private");
        assertThat(a.outbox).singleElement().satisfies(m -> assertThat(m).startsWith("?OTRv"));
        Party.pump(a, b);
        assertThat(b.received()).containsExactly("only private");
        assertThat(b.notices(OtrNotice.MessageReceived.class)).allSatisfy(m -> assertThat(m.encrypted()).isTrue());
    }
}
