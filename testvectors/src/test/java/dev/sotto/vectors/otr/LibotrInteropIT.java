package dev.sotto.vectors.otr;

import dev.sotto.engine.crypto.Secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.otr.EncryptedState;
import dev.sotto.engine.otr.FinishedState;
import dev.sotto.engine.otr.OtrConfig;
import dev.sotto.engine.otr.OtrNotice;
import dev.sotto.engine.otr.OtrPolicy;
import dev.sotto.engine.otr.PlaintextState;
import dev.sotto.vectors.peers.Peers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sotto's OTR against libotr 4.1.1 (Debian libotr5) through the C peer in src/test/c/libotr. */
class LibotrInteropIT {

    private static final int JAVA_TAG = 0x5a73a599;
    /** libotr's OTRL_POLICY_MANUAL and OTRL_POLICY_OPPORTUNISTIC (proto.h). */
    private static final String LIBOTR_MANUAL = "6";
    private static final String LIBOTR_OPPORTUNISTIC = "76";
    private static final String LIBOTR_V2_ONLY = "2";

    @TempDir
    Path dir;

    private final long seed = OtrTestKeys.seed();
    private LibotrPeer peer;
    private JavaSide java;
    private final List<String> peerLines = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        Path harness = Peers.requireNative("libotr", "sotto.native.otrpeer");
        peer = new LibotrPeer(harness, dir, 2);
        java = javaSide(OtrPolicy.MANUAL, 0);
    }

    @AfterEach
    void stop() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    private JavaSide javaSide(OtrPolicy policy, int maxSize) {
        return new JavaSide(OtrConfig.of(JAVA_TAG, OtrTestKeys.key(0)).withPolicy(policy).withMaxMessageSize(maxSize),
                OtrTestKeys.random(seed));
    }

    private String ctx() {
        return "-Dsotto.test.seed=" + seed;
    }

    /** Runs a peer command, keeps its lines, and returns the messages it wants delivered to us. */
    private List<String> peer(String cmd, String arg) {
        List<String> lines = peer.command(cmd, arg);
        peerLines.addAll(lines);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("OUT ")) {
                out.add(l.substring(4));
            }
        }
        return out;
    }

    private void pump(List<String> toJava) {
        List<String> pending = new ArrayList<>(toJava);
        for (int round = 0; round < 200; round++) {
            for (String m : pending) {
                java.apply(java.session.receive(m, java.now, java.random));
            }
            pending.clear();
            List<String> toPeer = java.drain();
            if (toPeer.isEmpty()) {
                return;
            }
            for (String m : toPeer) {
                pending.addAll(peer("RECV", m));
            }
        }
        throw new AssertionError("conversation did not settle " + ctx());
    }

    private List<String> peerLinesStarting(String prefix) {
        return peerLines.stream().filter(l -> l.startsWith(prefix)).toList();
    }

    private void assertPrivateBothSides() {
        assertThat(java.session.messageState()).as(ctx()).isInstanceOf(EncryptedState.class);
        List<String> secure = peerLinesStarting("SECURE ");
        assertThat(secure).as("libotr went secure " + ctx()).isNotEmpty();
        String[] parts = secure.get(secure.size() - 1).split(" ");
        OtrNotice.WentPrivate p = java.notices(OtrNotice.WentPrivate.class).get(0);
        // Each side sees the other's fingerprint; libotr computes its own, we compute ours from the same key.
        assertThat(parts[1]).isEqualTo(HexFormat.of().withUpperCase().formatHex(OtrTestKeys.key(0).fingerprint().bytes()));
        assertThat(p.theirFingerprint().display()).isEqualTo(peer.fingerprint);
        assertThat(parts[2].toLowerCase()).isEqualTo(p.ssid().replace(" ", ""));
    }

    @Test
    void akeStartedBySottoThenMessagesBothWays() {
        java.apply(java.session.start(java.now));
        pump(List.of());
        assertPrivateBothSides();
        assertThat(peerLinesStarting("SECURE ").get(0)).endsWith(" v3 " + String.format("%08x", JAVA_TAG));
        java.apply(java.session.send("hello libotr", java.now, java.random));
        pump(List.of());
        assertThat(peerLinesStarting("MSG ")).containsExactly("MSG hello libotr");
        pump(peer("SEND", "hello sotto ✓"));
        assertThat(java.received()).containsExactly("hello sotto ✓");
    }

    @Test
    void akeStartedByLibotrQuery() {
        pump(peer("QUERY", null));
        assertPrivateBothSides();
        assertThat(java.notices(OtrNotice.WentPrivate.class).get(0).weSentRevealSignature()).isTrue();
    }

    @Test
    void whitespaceTaggedPlaintextStartsAkeOnLibotr() {
        peer("POLICY", LIBOTR_OPPORTUNISTIC);
        java = javaSide(OtrPolicy.OPPORTUNISTIC, 0);
        java.apply(java.session.send("hi there", java.now, java.random));
        pump(List.of());
        assertThat(peerLinesStarting("MSG ")).containsExactly("MSG hi there");
        assertPrivateBothSides();
    }

    @Test
    void version2WhenLibotrAllowsOnlyVersion2() {
        peer("POLICY", LIBOTR_V2_ONLY);
        java = javaSide(OtrPolicy.MANUAL.withV2(true), 0);
        java.apply(java.session.start(java.now));
        pump(List.of());
        assertThat(peerLinesStarting("SECURE ").get(0)).contains(" v2 ");
        assertThat(((EncryptedState) java.session.messageState()).version()).isEqualTo(2);
        java.apply(java.session.send("over v2", java.now, java.random));
        pump(List.of());
        pump(peer("SEND", "back over v2"));
        assertThat(peerLinesStarting("MSG ")).containsExactly("MSG over v2");
        assertThat(java.received()).containsExactly("back over v2");
    }

    @Test
    void thousandMessagesEachWayWithKeyRotation() {
        java.apply(java.session.start(java.now));
        pump(List.of());
        List<String> expectedAtPeer = new ArrayList<>();
        List<String> expectedAtJava = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String toPeer = "sotto " + i;
            java.apply(java.session.send(toPeer, java.now, java.random));
            expectedAtPeer.add("MSG " + toPeer);
            pump(List.of());
            String toJava = "libotr " + i;
            expectedAtJava.add(toJava);
            pump(peer("SEND", toJava));
        }
        assertThat(peerLinesStarting("MSG ")).as(ctx()).containsExactlyElementsOf(expectedAtPeer);
        assertThat(java.received()).as(ctx()).containsExactlyElementsOf(expectedAtJava);
        assertThat(java.notices(OtrNotice.UnreadableMessage.class)).isEmpty();
        assertThat(peerLinesStarting("MSGEVENT ")).isEmpty();
        assertThat(((EncryptedState) java.session.messageState()).toString()).contains("our=");
    }

    @Test
    void fragmentedMessagesBothWaysAt140And1000() {
        for (int size : new int[] {140, 1000}) {
            peerLines.clear();
            java = javaSide(OtrPolicy.MANUAL, size);
            peer("FRAG", Integer.toString(size));
            java.apply(java.session.start(java.now));
            pump(List.of());
            String longText = ("fragment me " + size + " ").repeat(200);
            java.apply(java.session.send(longText, java.now, java.random));
            assertThat(java.outbox).hasSizeGreaterThan(1).allSatisfy(m -> assertThat(m.length()).isLessThanOrEqualTo(size));
            pump(List.of());
            assertThat(peerLinesStarting("MSG ")).containsExactly("MSG " + longText);
            List<String> fromPeer = peer("SEND", longText + "back");
            assertThat(fromPeer).hasSizeGreaterThan(1);
            pump(fromPeer);
            assertThat(java.received()).last().isEqualTo(longText + "back");
            java.apply(java.session.end(java.now, java.random));
            pump(List.of());
        }
    }

    /** libotr SMP events (message.h OtrlSMPEvent): ASK_FOR_ANSWER 4, ASK_FOR_SECRET 5, SUCCESS 7, FAILURE 8. */
    @Test
    void smpStartedBySottoSucceedsWithQuestion() {
        java.apply(java.session.start(java.now));
        pump(List.of());
        java.apply(java.session.smpStart(Secret.ofUtf8("purple cow"), "Our word?", java.now, java.random));
        pump(List.of());
        assertThat(peerLinesStarting("SMP ")).contains("SMP 4 Our word?");
        pump(peer("SMPANSWER", "purple cow"));
        assertThat(java.notices(OtrNotice.SmpResult.class)).containsExactly(new OtrNotice.SmpResult(true));
        assertThat(peerLinesStarting("SMP ")).contains("SMP 7");
    }

    @Test
    void smpStartedByLibotrSucceeds() {
        java.apply(java.session.start(java.now));
        pump(List.of());
        pump(peer("SMP", "shared"));
        assertThat(java.notices(OtrNotice.SmpRequested.class)).singleElement()
                .extracting(OtrNotice.SmpRequested::question).isNull();
        java.apply(java.session.smpAnswer(Secret.ofUtf8("shared"), java.now, java.random));
        pump(List.of());
        assertThat(java.notices(OtrNotice.SmpResult.class)).containsExactly(new OtrNotice.SmpResult(true));
        assertThat(peerLinesStarting("SMP ")).contains("SMP 7");
    }

    @Test
    void smpWithWrongSecretFailsOnBothSidesInBothDirections() {
        java.apply(java.session.start(java.now));
        pump(List.of());
        pump(peer("SMPQ", "Question?\tright"));
        assertThat(java.notices(OtrNotice.SmpRequested.class)).singleElement()
                .extracting(OtrNotice.SmpRequested::question).isEqualTo("Question?");
        java.apply(java.session.smpAnswer(Secret.ofUtf8("wrong"), java.now, java.random));
        pump(List.of());
        assertThat(java.notices(OtrNotice.SmpResult.class)).containsExactly(new OtrNotice.SmpResult(false));
        assertThat(peerLinesStarting("SMP ")).contains("SMP 8");

        java.apply(java.session.smpStart(Secret.ofUtf8("mine"), null, java.now, java.random));
        pump(List.of());
        pump(peer("SMPANSWER", "theirs"));
        assertThat(java.notices(OtrNotice.SmpResult.class)).containsExactly(new OtrNotice.SmpResult(false),
                new OtrNotice.SmpResult(false));
        assertThat(peerLinesStarting("SMP 8")).hasSize(2);
    }

    @Test
    void disconnectSeenOnBothSides() {
        java.apply(java.session.start(java.now));
        pump(List.of());
        pump(peer("END", null));
        assertThat(java.session.messageState()).isInstanceOf(FinishedState.class);
        assertThat(java.notices(OtrNotice.PeerEnded.class)).hasSize(1);

        java.apply(java.session.end(java.now, java.random));
        java.apply(java.session.start(java.now));
        pump(List.of());
        assertThat(java.session.messageState()).isInstanceOf(EncryptedState.class);
        java.apply(java.session.end(java.now, java.random));
        pump(List.of());
        assertThat(java.session.messageState()).isInstanceOf(PlaintextState.class);
        assertThat(peerLinesStarting("DISCONNECTED")).hasSize(1);
        assertThat(peer.command("STATE")).containsExactly("STATE 2"); // OTRL_MSGSTATE_FINISHED
    }

    @Test
    void libotrAcceptsHeartbeatAndExtraSymmetricKeyBothWays() {
        java.apply(java.session.start(java.now));
        pump(List.of());
        java.apply(java.session.heartbeat(java.now, java.random));
        pump(List.of());
        assertThat(peerLinesStarting("MSG ")).isEmpty();
        assertThat(peerLinesStarting("MSGEVENT ")).as("heartbeat raises no error").allSatisfy(
                l -> assertThat(l).isEqualTo("MSGEVENT 10")); // OTRL_MSGEVENT_LOG_HEARTBEAT_RCVD

        java.apply(java.session.sendExtraSymmetricKey(0x42, new byte[] {1, 2, 3}, java.now, java.random));
        byte[] ours = java.notices(OtrNotice.ExtraSymmetricKey.class).get(0).key().bytes();
        pump(List.of());
        assertThat(peerLinesStarting("RSYMKEY ")).containsExactly(
                "RSYMKEY 66 3 " + HexFormat.of().withUpperCase().formatHex(ours));

        pump(peer("SYMKEY", "7"));
        String peerKey = peerLinesStarting("SYMKEY ").get(0).split(" ")[2];
        OtrNotice.ExtraSymmetricKey received = java.notices(OtrNotice.ExtraSymmetricKey.class).get(1);
        assertThat(received.use()).isEqualTo(7);
        assertThat(received.received()).isTrue();
        assertThat(HexFormat.of().withUpperCase().formatHex(received.key().bytes())).isEqualTo(peerKey);
    }

    @Test
    void garbageAndTamperedMessagesGetErrorsAndSessionSurvives() {
        java.apply(java.session.start(java.now));
        pump(List.of());
        List<String> data = peer("SEND", "to be tampered");
        String wire = data.get(0);
        int mid = wire.length() / 2;
        String tampered = wire.substring(0, mid) + (wire.charAt(mid) == 'A' ? 'B' : 'A') + wire.substring(mid + 1);
        java.apply(java.session.receive(tampered, java.now, java.random));
        java.apply(java.session.receive("?OTR:AAMD!!!.", java.now, java.random));
        assertThat(java.notices(OtrNotice.UnreadableMessage.class)).hasSize(2);
        assertThat(java.drain()).allSatisfy(m -> assertThat(m).startsWith("?OTR Error:"));
        pump(data);
        assertThat(java.received()).containsExactly("to be tampered");
    }

    /** libotr SMP event ABORT is 2 (message.h OtrlSMPEvent). */
    @Test
    void smpAbortSeenBothWays() {
        java.apply(java.session.start(java.now));
        pump(List.of());
        java.apply(java.session.smpStart(Secret.ofUtf8("x"), null, java.now, java.random));
        pump(List.of());
        java.apply(java.session.smpAbort(java.now, java.random));
        pump(List.of());
        assertThat(peerLinesStarting("SMP ")).contains("SMP 2");
        pump(peer("SMP", "y"));
        pump(peer("SMPABORT", null));
        assertThat(java.notices(OtrNotice.SmpAborted.class)).extracting(OtrNotice.SmpAborted::local)
                .containsExactly(true, false);
        // Both sides are back in EXPECT1: a new exchange works.
        java.apply(java.session.smpStart(Secret.ofUtf8("z"), null, java.now, java.random));
        pump(List.of());
        pump(peer("SMPANSWER", "z"));
        assertThat(java.notices(OtrNotice.SmpResult.class)).containsExactly(new OtrNotice.SmpResult(true));
    }

    /**
     * Sotto logged in twice (two instance tags) with one libotr peer that hears both: two private sessions,
     * each libotr message shown by exactly one Sotto client, and no OTR Error Message anywhere.
     */
    @Test
    void twoSottoInstancesWithOneLibotrPeerDoNotConfuseEitherSide() {
        JavaSide second = new JavaSide(OtrConfig.of(JAVA_TAG + 1, OtrTestKeys.key(0)).withPolicy(OtrPolicy.MANUAL),
                OtrTestKeys.random(seed + 1));
        List<String> toJava = new ArrayList<>(peer("QUERY", null));
        int errors = 0;
        for (int round = 0; round < 50 && !toJava.isEmpty(); round++) {
            List<String> toPeer = new ArrayList<>();
            for (String m : toJava) {
                for (JavaSide side : List.of(java, second)) {
                    side.apply(side.session.receive(m, side.now, side.random));
                    toPeer.addAll(side.drain());
                }
            }
            toJava.clear();
            for (String m : toPeer) {
                errors += m.startsWith("?OTR Error") ? 1 : 0;
                toJava.addAll(peer("RECV", m));
            }
        }
        assertThat(errors).as(ctx()).isZero();
        assertThat(peerLinesStarting("SECURE ")).hasSize(2);
        assertThat(java.session.messageState()).isInstanceOf(EncryptedState.class);
        assertThat(second.session.messageState()).isInstanceOf(EncryptedState.class);

        for (String m : peer("SEND", "for one of you")) {
            for (JavaSide side : List.of(java, second)) {
                side.apply(side.session.receive(m, side.now, side.random));
                assertThat(side.drain()).as("no error reply").isEmpty();
            }
        }
        assertThat(java.received().size() + second.received().size()).isEqualTo(1);
        assertThat(java.notices(OtrNotice.UnreadableMessage.class)).isEmpty();
        assertThat(second.notices(OtrNotice.UnreadableMessage.class)).isEmpty();

        java.apply(java.session.send("from first", java.now, java.random));
        second.apply(second.session.send("from second", second.now, second.random));
        for (String m : java.drain()) {
            peer("RECV", m);
        }
        for (String m : second.drain()) {
            peer("RECV", m);
        }
        assertThat(peerLinesStarting("MSG ")).containsExactlyInAnyOrder("MSG from first", "MSG from second");
        assertThat(peerLinesStarting("MSGEVENT ")).isEmpty();
    }
}
