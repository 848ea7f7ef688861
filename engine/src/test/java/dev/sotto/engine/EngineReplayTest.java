package dev.sotto.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine opened on the vault's one-pass open-and-replay has the state of the engine that replays itself. */
class EngineReplayTest {
    private static final char[] PASSPHRASE = "correct horse".toCharArray();
    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");
    private static final Jid CAROL = Jid.parse("carol@example.org");

    private static EngineOptions options() {
        return EngineOptions.defaults().withEventLoopThreads(1);
    }

    private static String describe(EngineState s) {
        StringBuilder b = new StringBuilder();
        s.accounts().forEachKeyValue((k, v) -> b.append(k).append(' ').append(v.host()).append(v.pinnedSha256()));
        b.append(s.roster(ALICE).keysView().toSortedListBy(Jid::toString));
        for (Jid c : List.of(BOB, CAROL)) {
            s.history(ALICE, c).forEach(h -> b.append(' ').append(h.at().toEpochMilli()).append(h.event()));
        }
        return b.toString();
    }

    @Test
    void theVaultsReplayingOpenGivesTheStateOfAFullReplay(@TempDir Path dir) throws Exception {
        Path vaultDir = dir.resolve("vault");
        try (Vault vault = Vault.create(vaultDir, PASSPHRASE.clone(), KdfParams.forTests());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            engine.addAccount(ALICE, Secret.ofUtf8("pw"), "127.0.0.1", 5223, TlsPolicy.REQUIRED, "desk").get(5, TimeUnit.SECONDS);
            engine.record(new XmppEvent.RosterItemChanged(ALICE, new RosterItem(BOB, "Bob", "both", false, List.of())));
            for (int i = 0; i < 300; i++) {
                engine.record(i % 3 == 0
                        ? new XmppEvent.MessageSent(ALICE, i % 2 == 0 ? BOB : CAROL, "s" + i, null, "m" + i)
                        : new XmppEvent.MessageReceived(ALICE, new Jid("bob", "example.org", "phone"), "r" + i, null,
                                "chat", "m" + i));
            }
            engine.record(new XmppEvent.MessageFailed(ALICE, BOB, "s0", "timeout")).get(5, TimeUnit.SECONDS);
        }
        String full;
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            full = describe(engine.state());
            assertThat(engine.state().history(ALICE, BOB)).hasSize(1 + 300 - 50);
        }
        EngineReplay replay = new EngineReplay();
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone(), replay)) {
            assertThat(vault.log().replayedAtOpen(replay)).isTrue();
            assertThat(replay.events()).isEqualTo(1 + 1 + 300 + 1);
            try (SottoEngine engine = SottoEngine.open(vault.log(), options(), replay)) {
                assertThat(describe(engine.state())).isEqualTo(full);
                assertThat(engine.skippedAtReplay()).isZero();
            }
        }
        // A replay the vault's open never saw is not trusted: the engine replays the log itself.
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone());
                SottoEngine engine = SottoEngine.open(vault.log(), options(), new EngineReplay())) {
            assertThat(describe(engine.state())).isEqualTo(full);
        }
    }
}
