package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.event.OtrHistoryPolicyChanged;
import dev.sotto.engine.event.OtrPolicyChanged;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: the per-contact settings "keep no history of private (OTR) conversations" (on by default) and the OTR
 * policy are durable events that the OTR layer honours when it decides what is stored (DESIGN.md, Durable or
 * transient), and they survive reopening the vault.
 */
class OtrContactSettingsTest {

    private static final char[] PASSPHRASE = "correct horse".toCharArray();
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
        assertThat(b.isPrivateWith(ALICE)).as(why()).isTrue();
        return new OtrNet.Endpoint[] {a, b};
    }

    private static List<Boolean> stored(OtrNet.Endpoint e, boolean outgoing) {
        return e.events(OtrAccountEvent.ChatMessage.class).stream().filter(m -> m.outgoing() == outgoing)
                .map(OtrAccountEvent.ChatMessage::store).toList();
    }

    @Test
    void privateMessagesAreNotStoredWhileTheSettingIsOnAndStoredWhileItIsOff() {
        OtrNet.Endpoint[] p = privatePair();
        OtrNet.Endpoint bob = p[1];
        assertThat(bob.messaging.keepsPrivateHistory(ALICE)).as("default: keep no history").isFalse();
        p[0].send(BOB, "l1", "one");
        net.pump();
        bob.apply(bob.messaging.setKeepPrivateHistory(ALICE, true, net.now));
        assertThat(bob.durable).last().isEqualTo(new OtrHistoryPolicyChanged(BOB.toString(), ALICE.toString(), true,
                OtrNet.CLOCK.instant()));
        p[0].send(BOB, "l2", "two");
        bob.send(ALICE, "l3", "bob keeps this");
        net.pump();
        bob.apply(bob.messaging.setKeepPrivateHistory(ALICE, false, net.now));
        p[0].send(BOB, "l4", "three");
        bob.send(ALICE, "l5", "bob keeps nothing of this");
        net.pump();
        assertThat(bob.received()).as(why()).containsExactly("one", "two", "three");
        assertThat(stored(bob, false)).as(why()).containsExactly(false, true, false);
        assertThat(stored(bob, true)).as(why()).containsExactly(true, false);
        assertThat(bob.events(OtrAccountEvent.ChatMessage.class)).allMatch(OtrAccountEvent.ChatMessage::encrypted);
    }

    @Test
    void theSettingsAreDurableEventsThatComeBackWhenTheVaultIsReopened(@TempDir Path dir) throws Exception {
        Path vaultDir = dir.resolve("vault");
        try (Vault vault = Vault.create(vaultDir, PASSPHRASE.clone(), KdfParams.forTests());
                SottoEngine engine = SottoEngine.open(vault.log(), EngineOptions.defaults().withEventLoopThreads(1))) {
            engine.addAccount(BOB, Secret.ofUtf8("pw"), "127.0.0.1", 1, TlsPolicy.REQUIRED, "phone")
                    .get(5, TimeUnit.SECONDS);
            engine.record(OtrNet.keyEvent(BOB.toString(), 1)).get(5, TimeUnit.SECONDS);
            CompletableFuture<OtrHistoryPolicyChanged> recorded = new CompletableFuture<>();
            engine.subscribe(e -> {
                if (e instanceof OtrHistoryPolicyChanged h) {
                    recorded.complete(h);
                }
            });
            OtrInterceptor otr = OtrInterceptor.install(engine, vault.log(), Runnable::run, new SecureRandom());
            OtrXmppAccount account = otr.account(BOB);
            assertThat(account.query(m -> m.keepsPrivateHistory(ALICE)).get(5, TimeUnit.SECONDS)).isFalse();
            account.setPolicy(ALICE, OtrPolicy.MANUAL, "manual", null);
            account.setKeepPrivateHistory(ALICE, true);
            assertThat(recorded.get(10, TimeUnit.SECONDS).keepHistory()).isTrue();
        }

        List<OtrEvent> history;
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone());
                SottoEngine engine = SottoEngine.open(vault.log(), EngineOptions.defaults().withEventLoopThreads(1))) {
            history = OtrInterceptor.history(vault.log());
            assertThat(history).anyMatch(e -> e instanceof OtrHistoryPolicyChanged h && h.keepHistory()
                    && h.contact().equals(ALICE.toString()));
            assertThat(history).anyMatch(e -> e instanceof OtrPolicyChanged c && "manual".equals(c.policy()));
            OtrXmppAccount account = OtrInterceptor.install(engine, vault.log(), Runnable::run, new SecureRandom())
                    .account(BOB);
            assertThat(account.query(m -> m.keepsPrivateHistory(ALICE)).get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(account.query(m -> m.policyName(ALICE)).get(5, TimeUnit.SECONDS)).isEqualTo("manual");
            assertThat(account.query(m -> m.keepsPrivateHistory(Jid.parse("carol@example.org")))
                    .get(5, TimeUnit.SECONDS)).as("other contacts keep the default").isFalse();
        }

        // Bob's OTR layer, started from what the vault gave back, behaves by those settings. Manual policy: alice's
        // whitespace-tagged plaintext does not start the AKE (OTR v3 "Policies": WHITESPACE_START_AKE is off; with
        // the default opportunistic policy it does, see OtrMessagingTest).
        OtrNet.Endpoint alice = net.login("alice@example.org/desk", 0);
        OtrNet.Endpoint bob = net.login("bob@example.org/phone", 1, OtrMessagingConfig.DEFAULTS, history);
        alice.send(BOB, "l0", "hello in clear");
        net.pump();
        assertThat(bob.received()).containsExactly("hello in clear");
        assertThat(bob.isPrivateWith(ALICE)).as(why()).isFalse();
        alice.apply(alice.messaging.startPrivate(BOB, net.now));
        net.pump();
        assertThat(bob.isPrivateWith(ALICE)).as(why()).isTrue();
        alice.send(BOB, "l1", "kept, because bob said so");
        net.pump();
        assertThat(stored(bob, false)).as(why()).containsExactly(true, true); // the plaintext, then the private one
        assertThat(bob.events(OtrAccountEvent.ChatMessage.class)).extracting(OtrAccountEvent.ChatMessage::encrypted)
                .containsExactly(false, true);
    }
}
