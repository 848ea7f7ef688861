package dev.sotto.vectors.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.HistoryEntry;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.ReconnectBackoff;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.engine.xmpp.XmppClient;
import dev.sotto.engine.xmpp.XmppSessionConfig;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.vectors.peers.PeerInfo;
import dev.sotto.vectors.peers.Peers;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine facade against Prosody: a message through two engines, stored on both sides in the vault, and a
 * redelivered (sender, id) dropped even after the receiving engine restarted from its vault.
 */
class SottoEngineIT {

    private static final long WAIT_S = 15;
    private static final char[] PASSPHRASE = "engine it".toCharArray();

    private static String password(PeerInfo prosody, String user) {
        for (String pair : prosody.get("users").split(",")) {
            if (pair.startsWith(user + ":")) {
                return pair.substring(user.length() + 1);
            }
        }
        throw new AssertionError("no test user " + user);
    }

    private static EngineOptions options() {
        return EngineOptions.defaults().withEventLoopThreads(1);
    }

    @Test
    void messageStoredOnBothSidesAndARedeliveredIdIsDroppedAcrossARestart(@TempDir Path dir) throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        String host = prosody.host();
        int port = prosody.intValue("c2s.port");
        String pin = prosody.get("cert.sha256");
        Jid alice = Jid.parse("alice@" + prosody.get("domain"));
        Jid bob = Jid.parse("bob@" + prosody.get("domain"));
        Path bobVault = dir.resolve("bob");
        String id;
        try (Vault vault = Vault.create(bobVault, PASSPHRASE.clone(), KdfParams.forTests());
                SottoEngine bobEngine = SottoEngine.open(vault.log(), options());
                SottoEngine aliceEngine = SottoEngine.inMemory(options())) {
            BusRecorder bobEvents = new BusRecorder();
            BusRecorder aliceEvents = new BusRecorder();
            bobEngine.subscribe(bobEvents);
            aliceEngine.subscribe(aliceEvents);
            bobEngine.addAccount(bob, Secret.ofUtf8(password(prosody, "bob")), host, port, TlsPolicy.REQUIRED, "e1");
            bobEngine.pinCertificate(bob, pin);
            aliceEngine.addAccount(alice, Secret.ofUtf8(password(prosody, "alice")), host, port, TlsPolicy.REQUIRED, "e1");
            aliceEngine.pinCertificate(alice, pin);
            bobEngine.connect(bob);
            aliceEngine.connect(alice);
            bobEvents.await(XmppEvent.Connected.class, WAIT_S);
            aliceEvents.await(XmppEvent.Connected.class, WAIT_S);

            id = aliceEngine.sendMessage(alice, bob, "through the facade");
            XmppEvent.MessageSent sent = aliceEvents.await(XmppEvent.MessageSent.class, m -> m.id().equals(id), WAIT_S);
            assertThat(sent.body()).isEqualTo("through the facade");
            aliceEvents.await(XmppEvent.MessageTransmitted.class, m -> m.id().equals(id), WAIT_S);
            XmppEvent.MessageReceived got = bobEvents.await(XmppEvent.MessageReceived.class, m -> id.equals(m.id()), WAIT_S);
            assertThat(got.body()).isEqualTo("through the facade");
            assertThat(aliceEngine.state().history(alice, bob).collect(HistoryEntry::event).toList()).contains(sent);
            assertThat(bobEngine.state().history(bob, alice).collect(HistoryEntry::event).toList()).contains(got);
            bobEngine.disconnect(bob);
            aliceEngine.disconnect(alice);
            bobEvents.await(XmppEvent.Disconnected.class, WAIT_S);
        }

        // Bob's engine comes back from the vault; Alice's raw client sends the same id again, then a new one.
        EventLoopGroup group = new NioEventLoopGroup(1);
        try (Vault vault = Vault.open(bobVault, PASSPHRASE.clone());
                SottoEngine bobEngine = SottoEngine.open(vault.log(), options())) {
            assertThat(bobEngine.state().accounts().get(bob).pinnedSha256()).containsExactly(pin);
            assertThat(bobEngine.state().history(bob, alice).collect(HistoryEntry::event).toList())
                    .anyMatch(e -> e instanceof XmppEvent.MessageReceived m && id.equals(m.id()));
            BusRecorder bobEvents = new BusRecorder();
            bobEngine.subscribe(bobEvents);
            bobEngine.connect(bob);
            bobEvents.await(XmppEvent.Connected.class, WAIT_S);

            EventRecorder rawEvents = new EventRecorder();
            XmppClient raw = new XmppClient(new XmppAccount(alice, Secret.ofUtf8(password(prosody, "alice")), host, port,
                    TlsPolicy.REQUIRED, Set.of(pin), "raw"), group, rawEvents, new SecureRandom(),
                    XmppSessionConfig.DEFAULTS, ReconnectBackoff.DEFAULTS, TimeUnit.SECONDS.toNanos(30));
            raw.connect();
            rawEvents.await(XmppEvent.Connected.class, WAIT_S);
            raw.sendMessage(bob, id, "the same id again");
            raw.sendMessage(bob, "after-" + id, "a new one");
            XmppEvent.MessageReceived next = bobEvents.await(XmppEvent.MessageReceived.class, m -> true, WAIT_S);
            assertThat(next.id()).isEqualTo("after-" + id); // the redelivered id never reached the bus
            assertThat(bobEvents.all).noneMatch(e -> e instanceof XmppEvent.MessageReceived m && id.equals(m.id()));
            List<DurableEvent> history = bobEngine.state().history(bob, alice).collect(HistoryEntry::event).toList();
            assertThat(history.stream().filter(e -> e instanceof XmppEvent.MessageReceived m && id.equals(m.id())))
                    .hasSize(1);
            raw.disconnect();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
