package dev.sotto.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade over a real vault: replay rebuilds the state; durable events reach the log and the bus. */
class SottoEngineTest {

    private static final char[] PASSPHRASE = "correct horse".toCharArray();
    private static final String PASSWORD = "planted-Pa55word-7f3e";
    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");
    private static final String PIN = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
            + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

    private static EngineOptions options() {
        return EngineOptions.defaults().withEventLoopThreads(1);
    }

    @Test
    void anEventTheLogRefusesChangesNoStateAndIsNotPublished(@TempDir Path dir) throws Exception {
        try (Vault vault = Vault.create(dir.resolve("vault"), PASSPHRASE.clone(), KdfParams.forTests());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            List<Object> published = new java.util.concurrent.CopyOnWriteArrayList<>();
            engine.subscribe(published::add);
            engine.record(new XmppEvent.MessageSent(ALICE, BOB, "m1", null, "kept")).get(5, TimeUnit.SECONDS);
            vault.log().close();
            var refused = engine.record(new XmppEvent.MessageSent(ALICE, BOB, "m2", null, "refused"));
            assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            List<Object> history = new ArrayList<>();
            engine.state().history(ALICE, BOB).forEach(h -> history.add(h.event()));
            assertThat(history).containsExactly(new XmppEvent.MessageSent(ALICE, BOB, "m1", null, "kept"));
            assertThat(published).containsExactly(new XmppEvent.MessageSent(ALICE, BOB, "m1", null, "kept"));
        }
    }

    @Test
    void replayRebuildsAccountsPinsRosterSubscriptionsAndHistory(@TempDir Path dir) throws Exception {
        Path vaultDir = dir.resolve("vault");
        try (Vault vault = Vault.create(vaultDir, PASSPHRASE.clone(), KdfParams.forTests());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            engine.addAccount(ALICE, Secret.ofUtf8(PASSWORD), "127.0.0.1", 5223, TlsPolicy.REQUIRED, "desk").get(5, TimeUnit.SECONDS);
            engine.pinCertificate(ALICE, PIN.replace(":", "").toLowerCase()).get(5, TimeUnit.SECONDS);
            engine.record(new XmppEvent.RosterItemChanged(ALICE, new RosterItem(BOB, "Bob", "both", false, List.of("F"))));
            engine.record(new XmppEvent.SubscriptionRequested(ALICE, Jid.parse("carol@example.org")));
            engine.record(new XmppEvent.MessageSent(ALICE, BOB, "m1", null, "first"));
            engine.record(new XmppEvent.MessageReceived(ALICE, new Jid("bob", "example.org", "phone"), "m2", null, "chat",
                    "second"));
            engine.record(new XmppEvent.MessageFailed(ALICE, BOB, "m1", "timeout")).get(5, TimeUnit.SECONDS);
        }
        // Nothing on disk holds the password or a message in the clear.
        try (Stream<Path> files = Files.walk(vaultDir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(raw).as(f.toString()).doesNotContain(PASSWORD).doesNotContain("second").doesNotContain("alice@");
            }
        }
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            EngineState s = engine.state();
            XmppAccount a = s.accounts().get(ALICE);
            assertThat(a.password().sameValue(Secret.ofUtf8(PASSWORD))).isTrue();
            assertThat(a.host()).isEqualTo("127.0.0.1");
            assertThat(a.port()).isEqualTo(5223);
            assertThat(a.resource()).isEqualTo("desk");
            assertThat(a.pinnedSha256()).containsExactly(PIN);
            assertThat(s.roster(ALICE).get(BOB)).isEqualTo(new RosterItem(BOB, "Bob", "both", false, List.of("F")));
            assertThat(s.pendingSubscriptions().get(ALICE).toSet()).containsExactly(Jid.parse("carol@example.org"));
            List<Object> history = new ArrayList<>();
            s.history(ALICE, BOB).forEach(h -> history.add(h.event()));
            assertThat(history).containsExactly(new XmppEvent.MessageSent(ALICE, BOB, "m1", null, "first"),
                    new XmppEvent.MessageReceived(ALICE, new Jid("bob", "example.org", "phone"), "m2", null, "chat", "second"),
                    new XmppEvent.MessageFailed(ALICE, BOB, "m1", "timeout"));
            assertThat(engine.skippedAtReplay()).isZero();

            // Removing the account removes its configuration and roster on the next replay too.
            engine.answerSubscription(ALICE, Jid.parse("carol@example.org"), false);
            engine.removeAccount(ALICE).get(5, TimeUnit.SECONDS);
            assertThat(engine.state().accounts().containsKey(ALICE)).isFalse();
        }
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            assertThat(engine.state().accounts().isEmpty()).isTrue();
            assertThat(engine.state().roster(ALICE).isEmpty()).isTrue();
            assertThatThrownBy(() -> engine.connect(ALICE)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void durableEventsArePublishedInOrderAfterTheFoldAndSubscribersCanLeave() throws Exception {
        try (SottoEngine engine = SottoEngine.inMemory(options())) {
            LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();
            EventBus.Subscription sub = engine.subscribe(seen::add);
            engine.addAccount(ALICE, Secret.ofUtf8(PASSWORD), null, 5222, TlsPolicy.REQUIRED, null);
            engine.pinCertificate(ALICE, PIN);
            Object first = seen.poll(5, TimeUnit.SECONDS);
            Object second = seen.poll(5, TimeUnit.SECONDS);
            assertThat(first).isInstanceOf(AccountEvent.AccountAdded.class);
            assertThat(second).isEqualTo(new AccountEvent.CertificatePinned(ALICE, PIN));
            assertThat(engine.state().accounts().get(ALICE).pinnedSha256()).containsExactly(PIN);
            assertThat(first.toString()).doesNotContain(PASSWORD);
            sub.close();
            engine.record(new XmppEvent.SubscriptionRequested(ALICE, BOB)).get(5, TimeUnit.SECONDS);
            assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void commandsCheckTheirArguments() {
        try (SottoEngine engine = SottoEngine.inMemory(options())) {
            assertThatThrownBy(() -> engine.sendMessage(ALICE, BOB, "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("alice");
            engine.addAccount(ALICE, Secret.ofUtf8(PASSWORD), null, 5222, TlsPolicy.REQUIRED, null);
            assertThatThrownBy(() -> engine.addAccount(ALICE, Secret.ofUtf8("x"), null, 5222, TlsPolicy.REQUIRED, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> engine.addAccount(Jid.parse("example.org"), Secret.ofUtf8("x"), null, 5222,
                    TlsPolicy.REQUIRED, null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> engine.pinCertificate(ALICE, "not hex")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
