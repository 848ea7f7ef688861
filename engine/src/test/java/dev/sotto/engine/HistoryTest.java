package dev.sotto.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.EventStreams;
import dev.sotto.engine.event.EngineEventCodec;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.collections.api.list.ImmutableList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's start-up: the replay files a conversation's message records undecoded and {@link History} decodes them
 * on first read. Checked against the fold that decodes every record at once (what the replay did before), on the
 * same log: the same entries, in the same order, with the same times; the de-duplication across a restart still
 * sees the replayed messages; what arrives later is appended after them.
 */
class HistoryTest {
    private static final char[] PASSPHRASE = "correct horse".toCharArray();
    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");
    private static final Jid CAROL = Jid.parse("carol@example.org");
    private static final EngineEventCodec CODEC = new EngineEventCodec();

    private static EngineOptions options() {
        return EngineOptions.defaults().withEventLoopThreads(1);
    }

    /** Writes an account, a roster item and {@code n} seeded random messages (sent, received, failed) to two contacts. */
    private static void write(Path vaultDir, int n, long seed) throws Exception {
        System.out.println("HistoryTest seed " + seed);
        Random random = new Random(seed);
        try (Vault vault = Vault.create(vaultDir, PASSPHRASE.clone(), KdfParams.forTests());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            engine.addAccount(ALICE, Secret.ofUtf8("pw"), "127.0.0.1", 5223, TlsPolicy.REQUIRED, "desk")
                    .get(5, TimeUnit.SECONDS);
            engine.record(new XmppEvent.RosterItemChanged(ALICE, new RosterItem(BOB, "Bob", "both", false, List.of())));
            java.util.concurrent.CompletableFuture<Long> last = null;
            for (int i = 0; i < n; i++) {
                Jid to = random.nextBoolean() ? BOB : CAROL;
                int kind = random.nextInt(5);
                last = engine.record(kind == 0 ? new XmppEvent.MessageFailed(ALICE, to, random.nextBoolean() ? "s" + i : null,
                        "timeout")
                        : kind < 3 ? new XmppEvent.MessageSent(ALICE, to, "s" + i, random.nextBoolean() ? "t" : null,
                                "m" + i + " \u00e9\u263a".repeat(random.nextInt(40)))
                        : new XmppEvent.MessageReceived(ALICE, new Jid(to.local(), to.domain(), "phone" + i % 3),
                                random.nextInt(4) == 0 ? null : "r" + i, null, "chat", "m" + i));
            }
            last.get(5, TimeUnit.SECONDS);
        }
    }

    /** The fold as it was before the lazy path: every record decoded and applied, in log order. */
    private static EngineState eagerFold(Vault vault) throws Exception {
        EngineState.Builder b = EngineState.EMPTY.toBuilder();
        vault.log().replay(0, r -> b.apply(CODEC.decode(r.payload()), r.timestamp()));
        return b.build();
    }

    @Test
    void theReplayedHistoriesAreTheEagerFoldsDecodedOnFirstRead(@TempDir Path dir) throws Exception {
        Path vaultDir = dir.resolve("vault");
        write(vaultDir, 400, System.nanoTime());
        EngineReplay replay = new EngineReplay();
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone(), replay)) {
            EngineState eager = eagerFold(vault);
            EngineState lazy = replay.state();
            assertThat(replay.events()).isEqualTo(1 + 1 + 400);
            assertThat(replay.skipped()).isZero();
            assertThat(lazy.histories().keysView().toSet()).isEqualTo(eager.histories().keysView().toSet());
            for (Jid c : List.of(BOB, CAROL)) {
                History h = lazy.histories().get(new Conversation(ALICE, c));
                assertThat(h.toString()).as("filed, not decoded").contains("not yet decoded");
                ImmutableList<HistoryEntry> got = lazy.history(ALICE, c);
                assertThat(h.toString()).doesNotContain("not yet decoded");
                assertThat(got).isNotEmpty().isEqualTo(eager.history(ALICE, c));
                assertThat(h.size()).isEqualTo(got.size());
            }
            assertThat(lazy.roster(ALICE)).isEqualTo(eager.roster(ALICE));
        }
    }

    @Test
    void sealedAtOpenAndOpenedByALaterReplayTheHistoriesAreTheSame(@TempDir Path dir) throws Exception {
        Path vaultDir = dir.resolve("vault");
        write(vaultDir, 300, System.nanoTime());
        EngineReplay atOpen = new EngineReplay();
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone(), atOpen)) {
            // The open walk defers conversations' streams (their records come sealed); a later replay hands every
            // record out opened, and the engine files the message payloads undecoded instead.
            assertThat(atOpen.defers(EventStreams.conversation(ALICE, BOB))).isTrue();
            assertThat(atOpen.defers(EventStreams.account(ALICE))).isFalse();
            EngineReplay later = new EngineReplay();
            vault.log().replay(0, later);
            assertThat(later.events()).isEqualTo(atOpen.events());
            for (Jid c : List.of(BOB, CAROL)) {
                History sealed = atOpen.state().histories().get(new Conversation(ALICE, c));
                History undecoded = later.state().histories().get(new Conversation(ALICE, c));
                assertThat(sealed.toString()).contains("not yet decoded");
                assertThat(sealed.entries()).isNotEmpty().isEqualTo(undecoded.entries());
            }
        }
        // Forgotten after the walk, before the first read: the sealed records open to nothing (the key is gone).
        EngineReplay reopened = new EngineReplay();
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone(), reopened)) {
            History carol = reopened.state().histories().get(new Conversation(ALICE, CAROL));
            History bob = reopened.state().histories().get(new Conversation(ALICE, BOB));
            assertThat(carol.toString()).contains("not yet decoded");
            assertThat(vault.log().shred(EventStreams.conversation(ALICE, CAROL)).get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(carol.entries()).isEmpty();
            assertThat(bob.entries()).isNotEmpty();
        }
    }

    @Test
    void whatArrivesAfterTheReplayIsAppendedAfterTheReplayedEntries(@TempDir Path dir) throws Exception {
        Path vaultDir = dir.resolve("vault");
        write(vaultDir, 50, 7);
        EngineReplay replay = new EngineReplay();
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone(), replay);
                SottoEngine engine = SottoEngine.open(vault.log(), options(), replay)) {
            EngineState before = engine.state();
            XmppEvent.MessageSent later = new XmppEvent.MessageSent(ALICE, BOB, "later", null, "after the replay");
            engine.record(later).get(5, TimeUnit.SECONDS);
            ImmutableList<HistoryEntry> replayed = before.history(ALICE, BOB);
            ImmutableList<HistoryEntry> now = engine.state().history(ALICE, BOB);
            assertThat(now).hasSize(replayed.size() + 1);
            assertThat(now.take(replayed.size())).isEqualTo(replayed);
            assertThat(now.getLast().event()).isEqualTo(later);
            assertThat(before.history(ALICE, BOB)).as("the earlier snapshot is unchanged").isEqualTo(replayed);
            assertThat(engine.state().history(ALICE, CAROL)).isEqualTo(before.history(ALICE, CAROL));
        }
    }

    @Test
    void receivedMessagesOfTheReplayedHistoryAreDuplicatesAfterARestart(@TempDir Path dir) throws Exception {
        Path vaultDir = dir.resolve("vault");
        try (Vault vault = Vault.create(vaultDir, PASSPHRASE.clone(), KdfParams.forTests());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            engine.addAccount(ALICE, Secret.ofUtf8("pw"), "127.0.0.1", 5223, TlsPolicy.REQUIRED, "desk")
                    .get(5, TimeUnit.SECONDS);
            engine.record(new XmppEvent.MessageReceived(ALICE, Jid.parse("bob@example.org/phone"), "r1", null, "chat",
                    "hello")).get(5, TimeUnit.SECONDS);
        }
        EngineReplay replay = new EngineReplay();
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone(), replay);
                SottoEngine engine = SottoEngine.open(vault.log(), options(), replay)) {
            // DESIGN.md, Reconnects: de-duplicated on (bare sender, message id), across restarts.
            assertThat(engine.isDuplicate(ALICE, received("bob@example.org/laptop", "r1"))).isTrue();
            assertThat(engine.isDuplicate(ALICE, received("carol@example.org/phone", "r1"))).isFalse();
            assertThat(engine.isDuplicate(ALICE, received("bob@example.org/phone", "r2"))).isFalse();
            assertThat(engine.isDuplicate(ALICE, received("bob@example.org/phone", "r2"))).isTrue();
            assertThat(engine.isDuplicate(ALICE, received("bob@example.org/phone", null))).isFalse();
        }
    }

    private static XmppEvent.MessageReceived received(String from, String id) {
        return new XmppEvent.MessageReceived(ALICE, Jid.parse(from), id, null, "chat", "x");
    }

    @Test
    void onlyMessageEnvelopesTakeTheUndecodedPath() {
        List<DurableEvent> messages = List.of(new XmppEvent.MessageSent(ALICE, BOB, "s", null, "b".repeat(300)),
                new XmppEvent.MessageReceived(ALICE, Jid.parse("bob@example.org/x"), "r", null, "chat", "b"),
                new XmppEvent.MessageFailed(ALICE, BOB, null, "timeout"));
        for (DurableEvent e : messages) {
            byte[] p = CODEC.encode(e);
            assertThat(EngineReplay.isMessageRecord(p)).as(e.getClass().getSimpleName()).isTrue();
            assertThat(EngineReplay.isMessageRecord(Arrays.copyOf(p, p.length - 1))).as("truncated").isFalse();
            assertThat(EngineReplay.isMessageRecord(Arrays.copyOf(p, p.length + 1))).as("trailing byte").isFalse();
        }
        List<DurableEvent> others = List.of(
                new XmppEvent.RosterItemChanged(ALICE, new RosterItem(BOB, "Bob", "both", false, List.of())),
                new XmppEvent.SubscriptionRequested(ALICE, BOB),
                new AccountEvent.AccountAdded(ALICE, Secret.ofUtf8("pw"), null, 5222, TlsPolicy.REQUIRED, null));
        for (DurableEvent e : others) {
            assertThat(EngineReplay.isMessageRecord(CODEC.encode(e))).as(e.getClass().getSimpleName()).isFalse();
        }
        assertThat(EngineReplay.isMessageRecord(new byte[0])).isFalse();
        assertThat(EngineReplay.isMessageRecord(new byte[] {0x1A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, 0x0A})).as("overlong varint").isFalse();
    }
}
