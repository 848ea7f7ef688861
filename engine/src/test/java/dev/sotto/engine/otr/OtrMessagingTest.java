package dev.sotto.engine.otr;

import dev.sotto.engine.crypto.Secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.event.OtrFingerprintSeen;
import dev.sotto.engine.event.OtrInstanceTagAssigned;
import dev.sotto.engine.event.OtrKeyGenerated;
import dev.sotto.engine.event.OtrTrust;
import dev.sotto.engine.event.OtrTrustChanged;
import dev.sotto.engine.xmpp.Jid;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The account-level OTR layer over an in-memory server ({@link OtrNet}): addressing, hints, storage, downgrades. */
class OtrMessagingTest {

    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");

    private final long seed = OtrFixtures.seed();
    private final OtrNet net = new OtrNet(OtrFixtures.random(seed));

    private String why() {
        return "seed " + seed + " (-Dsotto.test.seed=" + seed + ")";
    }

    private OtrNet.Endpoint[] privatePair() {
        OtrNet.Endpoint a = net.login("alice@example.org/desk", 0);
        OtrNet.Endpoint b = net.login("bob@example.org/phone", 1);
        a.apply(a.messaging.startPrivate(BOB, net.now));
        net.pump();
        assertThat(a.isPrivateWith(BOB)).as(why()).isTrue();
        assertThat(b.isPrivateWith(ALICE)).as(why()).isTrue();
        return new OtrNet.Endpoint[] {a, b};
    }

    @Test
    void twoAccountsGoPrivateAndTheServerSeesOnlyOtrBodiesWithHints() {
        OtrNet.Endpoint[] p = privatePair();
        int before = net.wire.size();
        p[0].send(BOB, "l1", "hello bob");
        p[1].send(ALICE, "l2", "hello alice");
        net.pump();
        assertThat(p[1].received()).as(why()).containsExactly("hello bob");
        assertThat(p[0].received()).as(why()).containsExactly("hello alice");
        List<OtrNet.Wire> data = net.wire.subList(before, net.wire.size());
        assertThat(data).as(why()).isNotEmpty().allSatisfy(w -> {
            assertThat(w.body()).startsWith("?OTR:");
            assertThat(w.otr()).isTrue();
            assertThat(w.to().isFull()).as("OTR messages go to a full JID (XEP-0364 §4.2)").isTrue();
            assertThat(w.body()).doesNotContain("hello");
        });
        assertThat(net.errors()).as(why()).isEmpty();
    }

    @Test
    void privateMessagesAreNotStoredByDefaultAndStoredWhenTheContactPolicySaysSo() {
        OtrNet.Endpoint[] p = privatePair();
        p[0].send(BOB, "l1", "one");
        net.pump();
        p[1].apply(p[1].messaging.setPolicy(ALICE, OtrPolicy.OPPORTUNISTIC, "opportunistic", true, net.now));
        p[0].send(BOB, "l2", "two");
        net.pump();
        List<OtrAccountEvent.ChatMessage> got = p[1].events(OtrAccountEvent.ChatMessage.class);
        assertThat(got).extracting(OtrAccountEvent.ChatMessage::text).containsExactly("one", "two");
        assertThat(got).extracting(OtrAccountEvent.ChatMessage::store).containsExactly(false, true);
        assertThat(got).allMatch(OtrAccountEvent.ChatMessage::encrypted);
        // Our own sent private message follows the same policy: alice keeps no history of bob.
        assertThat(p[0].events(OtrAccountEvent.ChatMessage.class)).allMatch(m -> !m.store());
    }

    @Test
    void plaintextIsStoredAndOpportunisticPolicyStartsTheAkeFromTheWhitespaceTag() {
        OtrNet.Endpoint a = net.login("alice@example.org/desk", 0);
        OtrNet.Endpoint b = net.login("bob@example.org/phone", 1);
        a.send(BOB, "l1", "first, in clear");
        net.pump();
        assertThat(b.events(OtrAccountEvent.ChatMessage.class)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("first, in clear"); // the tag is stripped
            assertThat(m.encrypted()).isFalse();
            assertThat(m.store()).isTrue();
        });
        assertThat(a.isPrivateWith(BOB)).as(why()).isTrue();
        assertThat(b.isPrivateWith(ALICE)).as(why()).isTrue();
        assertThat(net.wire.get(0).otr()).as("a tagged plaintext is no OTR message").isFalse();
    }

    @Test
    void bobLoggedInTwiceConfusesNeitherSide() {
        OtrNet.Endpoint a = net.login("alice@example.org/desk", 0);
        OtrNet.Endpoint b1 = net.login("bob@example.org/phone", 1);
        OtrNet.Endpoint b2 = net.login("bob@example.org/laptop", 1);
        a.apply(a.messaging.startPrivate(BOB, net.now)); // to the bare JID: both resources answer
        net.pump();
        assertThat(b1.isPrivateWith(ALICE)).as(why()).isTrue();
        assertThat(b2.isPrivateWith(ALICE)).as(why()).isTrue();
        assertThat(a.messaging.conversation(BOB).instanceCount()).as(why()).isEqualTo(2);

        a.send(BOB, "l1", "to one bob");
        b1.send(ALICE, "l2", "from phone");
        b2.send(ALICE, "l3", "from laptop");
        net.pump();
        assertThat(b1.received().size() + b2.received().size()).as(why()).isEqualTo(1);
        assertThat(a.received()).as(why()).containsExactlyInAnyOrder("from phone", "from laptop");
        assertThat(net.errors()).as(why()).isEmpty();
        for (OtrNet.Endpoint e : List.of(a, b1, b2)) {
            assertThat(e.notices(n -> n instanceof OtrNotice.UnreadableMessage || n instanceof OtrNotice.ErrorReceived))
                    .as(why()).isEmpty();
        }
        // Replies to a received message go back to the resource it came from.
        assertThat(net.wire.stream().filter(w -> w.from().equals(a.full) && w.body().startsWith("?OTR:")))
                .allMatch(w -> w.to().isFull());
    }

    @Test
    void carbonsNeverReachOtrAndAreNeverAnswered() {
        OtrNet.Endpoint[] p = privatePair();
        OtrNet.Endpoint b2 = net.login("bob@example.org/laptop", 1);
        p[0].send(BOB, "l1", "for the phone only");
        OtrNet.Wire data = net.queue.peek();
        net.pump();
        int wireBefore = net.queue.size() + net.wire.size();
        net.carbon(b2, data, "received");
        net.carbon(b2, new OtrNet.Wire(Jid.parse("alice@example.org/desk"), b2.full, "?OTRv3?", true), "received");
        net.carbon(b2, new OtrNet.Wire(b2.full, ALICE, "?OTR Error: nope", true), "sent");
        net.carbon(b2, new OtrNet.Wire(p[1].full, ALICE, "typed on the phone", false), "sent");
        assertThat(net.queue).as("nothing answered").isEmpty();
        assertThat(net.wire.size()).isEqualTo(wireBefore);
        assertThat(b2.notices(n -> n instanceof OtrNotice.Ignored)).hasSize(3);
        assertThat(b2.events(OtrAccountEvent.ChatMessage.class)).singleElement().satisfies(m -> {
            assertThat(m.carbon()).isTrue();
            assertThat(m.outgoing()).isTrue();
            assertThat(m.contact()).isEqualTo(ALICE);
            assertThat(m.text()).isEqualTo("typed on the phone");
        });
    }

    @Test
    void aStoredMessageOfAnEndedSessionDrawsNoOtrError() {
        OtrNet.Endpoint[] p = privatePair();
        p[0].send(BOB, "l1", "sent while bob was away");
        OtrNet.Wire data = net.queue.poll();
        net.logout(p[1]);
        // Bob's client restarts (same durable key, fresh session) and gets the message from offline storage.
        OtrNet.Endpoint bob = net.login("bob@example.org/phone", 1, OtrMessagingConfig.DEFAULTS, p[1].durable);
        net.deliver(data, "2026-11-26T11:59:00Z", null);
        net.pump();
        assertThat(net.errors()).as(why()).isEmpty();
        assertThat(bob.received()).isEmpty();
        assertThat(bob.notices(n -> n instanceof OtrNotice.Ignored)).isNotEmpty();
    }

    /**
     * Regression (OtrMessagingPropertyTest seed 1712812702667670160): bob's master sent the D-H Commit that his
     * instance for alice took; stored copies of alice's D-H Key and Signature Message of that finished AKE must not
     * restart it, or bob falls back to the AKE's keys while alice has moved on and she cannot read him any more.
     * OTR v3 "Receiving a D-H Key Message": in AUTHSTATE_NONE "Ignore the message".
     */
    @Test
    void storedCopiesOfAFinishedAkeDoNotPutBobBackOnItsKeys() {
        OtrNet.Endpoint[] p = privatePair();
        OtrNet.Wire dhKey = onlyWire(p[0], dev.sotto.codecs.otr.DhKeyMessage.class);
        OtrNet.Wire signature = onlyWire(p[0], dev.sotto.codecs.otr.SignatureMessage.class);
        for (int i = 0; i < 3; i++) { // both sides move to new D-H keys (OTR v3 "Exchanging Data")
            p[0].send(BOB, "a" + i, "to bob " + i);
            net.pump();
            p[1].send(ALICE, "b" + i, "to alice " + i);
            net.pump();
        }
        int before = net.wire.size();
        net.deliver(dhKey, "2026-11-26T11:00:00Z", null);
        net.deliver(signature, "2026-11-26T11:00:00Z", null);
        net.pump();
        assertThat(net.wire.subList(before + 2, net.wire.size())).as(why() + ": a stored D-H Key is not answered")
                .isEmpty();
        assertThat(p[1].notices(n -> n instanceof OtrNotice.WentPrivate)).as(why()).hasSize(1);

        p[1].send(ALICE, "b9", "after the stored copies");
        net.pump();
        assertThat(p[0].received()).as(why()).contains("after the stored copies");
        assertThat(net.errors()).as(why()).isEmpty();
    }

    private OtrNet.Wire onlyWire(OtrNet.Endpoint from, Class<?> type) {
        return net.wire.stream().filter(w -> w.from().equals(from.full)).filter(w -> {
            var d = dev.sotto.codecs.otr.OtrTextCodec.decode(w.body(), dev.sotto.codecs.otr.OtrLimits.DEFAULT);
            return d instanceof dev.sotto.codecs.DecodeResult.Ok<dev.sotto.codecs.otr.OtrText> ok
                    && ok.value() instanceof dev.sotto.codecs.otr.OtrText.Encoded e && type.isInstance(e.message());
        }).reduce((x, y) -> {
            throw new AssertionError("more than one " + type.getSimpleName());
        }).orElseThrow();
    }

    @Test
    void unreadableMessagesDrawAtMostOneErrorPerInterval() {
        OtrNet.Endpoint[] p = privatePair();
        net.logout(p[1]);
        OtrNet.Endpoint bob = net.login("bob@example.org/phone", 1, OtrMessagingConfig.DEFAULTS, p[1].durable);
        for (int i = 0; i < 5; i++) {
            p[0].send(BOB, "l" + i, "lost " + i);
        }
        // Only deliver alice's data messages to bob; keep alice from answering the error with a new AKE.
        List<OtrNet.Wire> toBob = List.copyOf(net.queue);
        net.queue.clear();
        for (OtrNet.Wire w : toBob) {
            net.deliver(w, null, null);
        }
        assertThat(net.queue).as(why()).filteredOn(w -> w.body().startsWith("?OTR Error:")).hasSize(1);
        assertThat(bob.notices(n -> n instanceof OtrNotice.UnreadableMessage)).hasSize(5);
    }

    @Test
    void aMessageQueuedUnderAPrivateSessionIsHeldUntilANewOneExistsNeverSentInClear() {
        OtrNet.Endpoint[] p = privatePair();
        p[1].apply(p[1].messaging.endPrivate(ALICE, net.now));
        net.pump();
        assertThat(p[0].notices(n -> n instanceof OtrNotice.PeerEnded)).hasSize(1);
        int before = net.wire.size();
        p[0].send(BOB, "held-1", "secret words");
        assertThat(p[0].events(OtrAccountEvent.SendHeld.class)).singleElement()
                .satisfies(h -> assertThat(h.localId()).isEqualTo("held-1"));
        net.pump();
        assertThat(net.wire.subList(before, net.wire.size())).as(why())
                .allSatisfy(w -> assertThat(w.body()).doesNotContain("secret words").startsWith("?OTR"));
        assertThat(p[1].received()).as(why()).contains("secret words");
        assertThat(p[0].timers).as("held timer cancelled").doesNotContainKey(OtrMessaging.TIMER_HELD + "held-1");
        assertThat(p[0].events(OtrAccountEvent.SendFailed.class)).isEmpty();
    }

    @Test
    void aHeldMessageFailsWithAnEventWhenNoPrivateSessionComes() {
        OtrNet.Endpoint[] p = privatePair();
        p[1].apply(p[1].messaging.endPrivate(ALICE, net.now));
        net.pump();
        net.logout(p[1]); // bob is gone: the query goes nowhere
        int before = net.wire.size();
        p[0].send(BOB, "held-2", "secret words");
        net.pump();
        assertThat(p[0].timers).containsKey(OtrMessaging.TIMER_HELD + "held-2");
        net.now = p[0].timers.get(OtrMessaging.TIMER_HELD + "held-2");
        p[0].fire(OtrMessaging.TIMER_HELD + "held-2");
        assertThat(p[0].events(OtrAccountEvent.SendFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.localId()).isEqualTo("held-2"));
        assertThat(net.wire.subList(before, net.wire.size())).noneMatch(w -> w.body().contains("secret"));
    }

    @Test
    void onceAContactWasPrivateAPlaintextSendNeedsExplicitConfirmation() {
        List<OtrEvent> history = List.of(new OtrFingerprintSeen(ALICE.toString(), BOB.toString(),
                OtrFixtures.key(1).fingerprint().display(), Instant.EPOCH));
        OtrNet.Endpoint a = net.login("alice@example.org/desk", 0, OtrMessagingConfig.DEFAULTS
                .withDefaultPolicy(OtrPolicy.NEVER), history);
        a.send(BOB, "l1", "must not leak");
        assertThat(net.queue).isEmpty();
        assertThat(a.events(OtrAccountEvent.SendFailed.class)).hasSize(1);
        a.apply(a.messaging.sendPlaintext(BOB, "l2", "confirmed clear text", net.now));
        assertThat(net.queue).singleElement().satisfies(w -> {
            assertThat(w.body()).isEqualTo("confirmed clear text");
            assertThat(w.otr()).isFalse();
        });
    }

    @Test
    void withOtrDisabledRawOtrTextIsShownButNeverStored() {
        OtrNet.Endpoint[] p = privatePair();
        OtrNet.Endpoint carol = net.login("carol@example.org/x", 2, OtrMessagingConfig.DEFAULTS
                .withDefaultPolicy(OtrPolicy.NEVER), List.of());
        p[0].send(BOB, "l1", "x");
        OtrNet.Wire data = net.queue.poll();
        net.deliver(new OtrNet.Wire(p[0].full, carol.full, data.body(), true), null, null);
        assertThat(carol.events(OtrAccountEvent.ChatMessage.class)).singleElement()
                .satisfies(m -> assertThat(m.store()).isFalse());
    }

    @Test
    void aPartialFragmentSetIsDroppedAfterTheTimeout() {
        OtrMessagingConfig small = OtrMessagingConfig.DEFAULTS.withMaxMessageSize(120);
        OtrNet.Endpoint a = net.login("alice@example.org/desk", 0, small, List.of());
        OtrNet.Endpoint b = net.login("bob@example.org/phone", 1, small, List.of());
        a.apply(a.messaging.startPrivate(BOB, net.now));
        net.pump();
        assertThat(b.isPrivateWith(ALICE)).as(why()).isTrue();
        a.send(BOB, "l1", "a message long enough to need several fragments of 120 characters on the wire");
        List<OtrNet.Wire> pieces = List.copyOf(net.queue);
        net.queue.clear();
        assertThat(pieces.size()).isGreaterThan(1);
        assertThat(pieces).allMatch(w -> w.body().startsWith("?OTR|"));
        net.deliver(pieces.get(0), null, null);
        String timer = OtrMessaging.TIMER_FRAGMENTS + ALICE;
        assertThat(b.timers).containsKey(timer);
        net.now = b.timers.get(timer);
        b.fire(timer);
        assertThat(b.notices(n -> n instanceof OtrNotice.Ignored i && i.condition().contains("in time"))).hasSize(1);
        assertThat(b.messaging.conversation(ALICE).fragmentPending()).isFalse();
        // The rest of the set no longer completes a message; a fresh message does.
        for (OtrNet.Wire w : pieces.subList(1, pieces.size())) {
            net.deliver(w, null, null);
        }
        assertThat(b.received()).isEmpty();
        a.send(BOB, "l2", "short");
        net.pump();
        assertThat(b.received()).containsExactly("short");
        assertThat(b.timers).doesNotContainKey(timer);
    }

    @Test
    void smpVerifiesBothSidesAndTrustBecomesDurable() {
        OtrNet.Endpoint[] p = privatePair();
        p[0].apply(p[0].messaging.smpStart(BOB, Secret.ofUtf8("our secret"), "where did we meet?", net.now));
        net.pump();
        assertThat(p[1].notices(n -> n instanceof OtrNotice.SmpRequested r && "where did we meet?".equals(r.question())))
                .hasSize(1);
        p[1].apply(p[1].messaging.smpAnswer(ALICE, Secret.ofUtf8("our secret"), net.now));
        net.pump();
        for (OtrNet.Endpoint e : p) {
            assertThat(e.notices(n -> n instanceof OtrNotice.SmpResult r && r.success())).as(why()).hasSize(1);
            assertThat(e.events(OtrTrustChanged.class)).singleElement()
                    .satisfies(t -> assertThat(t.trust()).isEqualTo(OtrTrust.VERIFIED_SMP));
        }
        assertThat(p[0].messaging.trustBook().trust(BOB.toString(), OtrFixtures.key(1).fingerprint()))
                .isEqualTo(OtrTrust.VERIFIED_SMP);
        assertThat(net.wire).noneMatch(w -> w.body().contains("our secret") || w.body().contains("where did"));
    }

    @Test
    void smpWithAWrongSecretFailsAndLeavesTrustUnverified() {
        OtrNet.Endpoint[] p = privatePair();
        p[0].apply(p[0].messaging.smpStart(BOB, Secret.ofUtf8("right"), null, net.now));
        net.pump();
        p[1].apply(p[1].messaging.smpAnswer(ALICE, Secret.ofUtf8("wrong"), net.now));
        net.pump();
        for (OtrNet.Endpoint e : p) {
            assertThat(e.notices(n -> n instanceof OtrNotice.SmpResult r && !r.success())).as(why()).hasSize(1);
            assertThat(e.events(OtrTrustChanged.class)).isEmpty();
        }
    }

    @Test
    void theKeyIsGeneratedOnceOffTheLoopAndWorkWaitsForIt() {
        OtrNet.Endpoint a = net.login("alice@example.org/desk", 0);
        OtrMessaging fresh = new OtrMessaging(Jid.parse("dave@example.org"), OtrMessagingConfig.DEFAULTS, net.random,
                OtrNet.CLOCK);
        List<OtrAccountOutput> started = fresh.start(List.of(), net.now);
        assertThat(started).filteredOn(o -> o instanceof OtrAccountOutput.Emit e
                && e.event() instanceof OtrInstanceTagAssigned).hasSize(1);
        OtrAccountOutput.Compute job = (OtrAccountOutput.Compute) started.stream()
                .filter(o -> o instanceof OtrAccountOutput.Compute).findFirst().orElseThrow();
        assertThat(fresh.send(ALICE, "w1", "waits for the key", net.now)).as("nothing before the key").isEmpty();
        Object result = job.job().run(); // the crypto executor's work
        List<OtrAccountOutput> done = fresh.computeDone(job.id(), result, net.now);
        assertThat(done).filteredOn(o -> o instanceof OtrAccountOutput.Emit e && e.event() instanceof OtrKeyGenerated)
                .hasSize(1);
        assertThat(done).filteredOn(o -> o instanceof OtrAccountOutput.SendBody s && s.to().equals(ALICE))
                .as("the waiting send went out").hasSize(1);
        OtrKeyGenerated k = (OtrKeyGenerated) ((OtrAccountOutput.Emit) done.get(0)).event();
        assertThat(fresh.fingerprint().display()).isEqualTo(k.fingerprint());
        // A second start (e.g. after a reconnect) does not generate again.
        assertThat(fresh.start(List.of(), net.now)).isEmpty();
        // Restarting from the log reuses the key and tag.
        OtrMessaging again = new OtrMessaging(Jid.parse("dave@example.org"), OtrMessagingConfig.DEFAULTS,
                net.random, OtrNet.CLOCK);
        List<OtrEvent> history = done.stream().filter(o -> o instanceof OtrAccountOutput.Emit e
                && e.event() instanceof OtrEvent).map(o -> (OtrEvent) ((OtrAccountOutput.Emit) o).event()).toList();
        List<OtrEvent> all = new java.util.ArrayList<>(history);
        started.stream().filter(o -> o instanceof OtrAccountOutput.Emit e && e.event() instanceof OtrEvent)
                .forEach(o -> all.add((OtrEvent) ((OtrAccountOutput.Emit) o).event()));
        assertThat(again.start(all, net.now)).noneMatch(o -> o instanceof OtrAccountOutput.Compute)
                .noneMatch(o -> o instanceof OtrAccountOutput.Emit e && e.event() instanceof OtrInstanceTagAssigned);
        assertThat(again.fingerprint()).isEqualTo(fresh.fingerprint());
        assertThat(a.messaging.fingerprint()).isNotEqualTo(fresh.fingerprint());
    }

    @Test
    void userTrustDecisionsAreDurableEvents() {
        OtrNet.Endpoint[] p = privatePair();
        Fingerprint bobs = OtrFixtures.key(1).fingerprint();
        assertThat(p[0].events(OtrFingerprintSeen.class)).singleElement()
                .satisfies(f -> assertThat(f.fingerprint()).isEqualTo(bobs.display()));
        p[0].apply(p[0].messaging.decideTrust(BOB, bobs, false, net.now));
        assertThat(p[0].events(OtrTrustChanged.class)).singleElement()
                .satisfies(t -> assertThat(t.trust()).isEqualTo(OtrTrust.DISTRUSTED));
        assertThat(p[0].messaging.trustBook().trust(BOB.toString(), bobs)).isEqualTo(OtrTrust.DISTRUSTED);
    }
}
