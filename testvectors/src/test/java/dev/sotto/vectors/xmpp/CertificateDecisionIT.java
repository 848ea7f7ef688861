package dev.sotto.vectors.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.EngineEventCodec;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.persistence.log.EventLog;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.vectors.peers.PeerInfo;
import dev.sotto.vectors.peers.Peers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three answers to the untrusted-certificate prompt (issue 10; DESIGN.md, Secure by default and Reconnects and
 * downgrades) against Prosody's self-signed certificate: "reject" leaves the account disconnected with no retry;
 * "accept once" connects for this running engine only (a transient event, nothing in the log, the next start asks
 * again); "always" pins it durably (the next start connects without asking).
 */
class CertificateDecisionIT {

    private static final long WAIT_S = 20;
    /** How long "reject" is watched for a reconnect that must not come (an absence, not a timing assertion). */
    private static final long QUIET_MS = 3_000;
    private static final char[] PASSPHRASE = "certificate it".toCharArray();

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

    private static List<DurableEvent> logged(EventLog log) throws Exception {
        EngineEventCodec codec = new EngineEventCodec();
        List<DurableEvent> events = new ArrayList<>();
        log.replay(0, r -> events.add(codec.decode(r.payload())));
        return events;
    }

    @Test
    void rejectStopsAcceptOnceLastsOneRunAlwaysPins(@TempDir Path dir) throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        String sha256 = prosody.get("cert.sha256");
        Jid carol = Jid.parse("carol@" + prosody.get("domain"));
        Path vaultDir = dir.resolve("vault");

        try (Vault vault = Vault.create(vaultDir, PASSPHRASE.clone(), KdfParams.forTests());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            BusRecorder bus = new BusRecorder();
            engine.subscribe(bus);
            engine.addAccount(carol, Secret.ofUtf8(password(prosody, "carol")), prosody.host(),
                    prosody.intValue("c2s.port"), TlsPolicy.REQUIRED, "cert-it").get(WAIT_S, java.util.concurrent.TimeUnit.SECONDS);
            engine.connect(carol);
            XmppEvent.CertificateUntrusted untrusted = bus.await(XmppEvent.CertificateUntrusted.class, WAIT_S);
            assertThat(untrusted.sha256()).isEqualTo(sha256);
            assertThat(bus.await(XmppEvent.Disconnected.class, WAIT_S).retry()).as("no retry after a refusal").isFalse();

            // Reject: the user does nothing more; the account stays down, no new attempt is made.
            Thread.sleep(QUIET_MS);
            assertThat(bus.all).filteredOn(e -> e instanceof XmppEvent.CertificateUntrusted).hasSize(1);
            assertThat(bus.all).noneMatch(e -> e instanceof XmppEvent.Connected);

            // Accept once: trusted for this run, an event on the bus and not a pin.
            engine.acceptCertificateOnce(carol, sha256.replace(":", "").toLowerCase(java.util.Locale.ROOT));
            assertThat(bus.await(XmppEvent.CertificateAcceptedOnce.class, WAIT_S).sha256()).isEqualTo(sha256);
            engine.connect(carol);
            bus.await(XmppEvent.Connected.class, WAIT_S);
            assertThat(engine.state().accounts().get(carol).pinnedSha256()).isEmpty();
            // A reconnect within the same run still trusts it.
            engine.disconnect(carol);
            bus.await(XmppEvent.Disconnected.class, WAIT_S);
            engine.connect(carol);
            bus.await(XmppEvent.Connected.class, WAIT_S);
            engine.disconnect(carol);
            bus.await(XmppEvent.Disconnected.class, WAIT_S);
        }

        // Next start: nothing was stored, so the certificate is untrusted again; now "always".
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            assertThat(logged(vault.log())).noneMatch(e -> e instanceof AccountEvent.CertificatePinned);
            assertThat(engine.state().accounts().get(carol).pinnedSha256()).isEmpty();
            BusRecorder bus = new BusRecorder();
            engine.subscribe(bus);
            engine.connect(carol);
            assertThat(bus.await(XmppEvent.CertificateUntrusted.class, WAIT_S).sha256()).isEqualTo(sha256);
            engine.pinCertificate(carol, sha256).get(WAIT_S, java.util.concurrent.TimeUnit.SECONDS);
            engine.connect(carol);
            bus.await(XmppEvent.Connected.class, WAIT_S);
            engine.disconnect(carol);
            bus.await(XmppEvent.Disconnected.class, WAIT_S);
        }

        // The pin is durable: the start after that connects without asking.
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone());
                SottoEngine engine = SottoEngine.open(vault.log(), options())) {
            assertThat(logged(vault.log())).filteredOn(e -> e instanceof AccountEvent.CertificatePinned).hasSize(1);
            assertThat(engine.state().accounts().get(carol).pinnedSha256()).containsExactly(sha256);
            BusRecorder bus = new BusRecorder();
            engine.subscribe(bus);
            engine.connect(carol);
            bus.await(XmppEvent.Connected.class, WAIT_S);
            assertThat(bus.all).noneMatch(e -> e instanceof XmppEvent.CertificateUntrusted);
            engine.disconnect(carol);
            bus.await(XmppEvent.Disconnected.class, WAIT_S);
        }
    }
}
