package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.event.OtrInstanceTagAssigned;
import dev.sotto.engine.event.OtrKeyGenerated;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OTR on the engine facade over a real vault: what is stored, and the key and instance tag coming back. */
class OtrInterceptorTest {

    private static final char[] PASSPHRASE = "correct horse".toCharArray();
    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB_PHONE = Jid.parse("bob@example.org/phone");

    /** The bus as a list: waits for an event matching {@code p} among all published so far or within 10 s. */
    private static final class Bus implements java.util.function.Consumer<Object> {
        private final List<Object> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final LinkedBlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();

        @Override
        public void accept(Object e) {
            all.add(e);
            arrivals.add(e);
        }

        Object await(Predicate<Object> p) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                for (Object e : all) {
                    if (p.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || arrivals.poll(left, TimeUnit.NANOSECONDS) == null) {
                    throw new AssertionError("event not published in 10 s: " + all);
                }
            }
        }
    }

    @Test
    void plaintextIsStoredOtrTrafficIsNotAndTheKeyAndTagComeBackFromTheLog(@TempDir Path dir) throws Exception {
        Path vaultDir = dir.resolve("vault");
        OtrKeyGenerated key = OtrNet.keyEvent(ALICE.toString(), 0);
        int tag;
        try (Vault vault = Vault.create(vaultDir, PASSPHRASE.clone(), KdfParams.forTests());
                SottoEngine engine = SottoEngine.open(vault.log(), EngineOptions.defaults().withEventLoopThreads(1))) {
            engine.addAccount(ALICE, Secret.ofUtf8("pw"), "127.0.0.1", 1, TlsPolicy.REQUIRED, "desk")
                    .get(5, TimeUnit.SECONDS);
            engine.record(key).get(5, TimeUnit.SECONDS);
            Bus bus = new Bus();
            engine.subscribe(bus);
            OtrInterceptor otr = OtrInterceptor.install(engine, vault.log(), Runnable::run, new SecureRandom());
            OtrAccountEvent.KeyReady ready = (OtrAccountEvent.KeyReady) bus.await(e -> e instanceof OtrAccountEvent.KeyReady);
            assertThat(ready.generated()).isFalse();
            assertThat(ready.fingerprint()).isEqualTo(key.fingerprint());
            tag = ((OtrInstanceTagAssigned) bus.await(e -> e instanceof OtrInstanceTagAssigned)).instanceTag();

            assertThat(otr.onReceived(new XmppEvent.MessageReceived(ALICE, BOB_PHONE, "s1", null, "chat", "hi alice")))
                    .isTrue();
            assertThat(otr.onReceived(new XmppEvent.MessageReceived(ALICE, BOB_PHONE, "s2", null, "chat", "?OTRv3?")))
                    .isTrue();
            assertThat(otr.onReceived(new XmppEvent.MessageReceived(ALICE, BOB_PHONE, "s3", null, "groupchat", "x")))
                    .as("not one-to-one: left to the facade").isFalse();
            bus.await(e -> e instanceof XmppEvent.MessageReceived m && m.body().equals("hi alice"));
            engine.sendMessage(ALICE, Jid.parse("bob@example.org"), "in clear, never private before");
            bus.await(e -> e instanceof OtrAccountEvent.ChatMessage m && m.outgoing());
            List<Object> history = new ArrayList<>();
            engine.state().history(ALICE, Jid.parse("bob@example.org")).forEach(h -> history.add(h.event()));
            assertThat(history).extracting(Object::getClass).containsOnly(XmppEvent.MessageReceived.class,
                    XmppEvent.MessageSent.class);
            assertThat(history).hasSize(2).noneMatch(e -> e.toString().contains("?OTR"));
            assertThat(history).anyMatch(e -> e instanceof XmppEvent.MessageReceived m && m.body().equals("hi alice")
                    && "s1".equals(m.id()));
        }
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone());
                SottoEngine engine = SottoEngine.open(vault.log(), EngineOptions.defaults().withEventLoopThreads(1))) {
            List<OtrEvent> back = OtrInterceptor.history(vault.log());
            assertThat(back).contains(key);
            assertThat(back).filteredOn(e -> e instanceof OtrInstanceTagAssigned).singleElement()
                    .satisfies(e -> assertThat(((OtrInstanceTagAssigned) e).instanceTag()).isEqualTo(tag));
            Bus bus = new Bus();
            engine.subscribe(bus);
            OtrInterceptor.install(engine, vault.log(), Runnable::run, new SecureRandom());
            assertThat(((OtrAccountEvent.KeyReady) bus.await(e -> e instanceof OtrAccountEvent.KeyReady))
                    .fingerprint()).isEqualTo(key.fingerprint());
            assertThat(OtrInterceptor.history(vault.log())).filteredOn(e -> e instanceof OtrInstanceTagAssigned)
                    .as("the tag is persistent: not assigned again").hasSize(1);
        }
    }
}
