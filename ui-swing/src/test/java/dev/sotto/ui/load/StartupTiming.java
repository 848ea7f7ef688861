package dev.sotto.ui.load;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.EngineEventCodec;
import dev.sotto.engine.event.EventStreams;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.persistence.log.EventLog;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.ui.Session;
import dev.sotto.ui.chat.ChatPanel;
import dev.sotto.ui.main.MainPanel;
import dev.sotto.ui.start.Progress;
import dev.sotto.ui.theme.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/**
 * Issue 10's start-up figure (reported, never asserted): how long a vault holding N messages takes from the
 * passphrase to a usable main window. Generates the vault on first use (real Argon2id parameters), then times
 * the unlock (Argon2id + the log's open walk), the engine's replay, and building and showing the main window;
 * then opening the largest conversation's chat tab. Run under a display (xvfb-run -a):
 *
 * <pre>
 * mvn -B -q -pl ui-swing -am test-compile -DskipTests
 * mvn -B -q -pl ui-swing dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * xvfb-run -a java $FLAGS -cp ui-swing/target/test-classes:ui-swing/target/classes:$(cat /tmp/cp.txt) \
 *     dev.sotto.ui.load.StartupTiming /tmp/sotto-100k 100000 100
 * </pre>
 */
public final class StartupTiming {
    private static final char[] PASSPHRASE = "load test passphrase".toCharArray();

    private StartupTiming() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        Path dir = Path.of(args[0]);
        int messages = Integer.parseInt(args[1]);
        int conversations = Integer.parseInt(args[2]);
        if (!Files.exists(dir.resolve("keyring.bin"))) {
            long g0 = System.nanoTime();
            generate(dir, messages, conversations);
            System.out.printf("generated %d messages in %d conversations in %d ms%n", messages, conversations,
                    (System.nanoTime() - g0) / 1_000_000);
        }
        long t0 = System.nanoTime();
        Vault vault = Vault.open(dir, PASSPHRASE.clone());
        long t1 = System.nanoTime();
        // For comparison only (not part of the start-up path): the log's own replay, decrypting every record.
        long r0 = System.nanoTime();
        long[] raw = {0};
        vault.log().replay(0, r -> raw[0] += r.payload().length);
        long rawMillis = (System.nanoTime() - r0) / 1_000_000;
        t1 = System.nanoTime();
        Session session = Session.load(vault, new Progress() {
            @Override
            public void phase(String text) {
            }

            @Override
            public void step(String text, long done, long total) {
            }
        });
        long t2 = System.nanoTime();
        CompletableFuture<JFrame> shown = new CompletableFuture<>();
        SwingUtilities.invokeAndWait(() -> {
            Theme.LIGHT.install();
            JFrame frame = new JFrame("Sotto");
            frame.setContentPane(new MainPanel(session.engine(), c -> { }));
            frame.setSize(900, 600);
            frame.setVisible(true);
            shown.complete(frame);
        });
        // One more round trip: the first paint of the window has been queued before this runs.
        SwingUtilities.invokeAndWait(() -> { });
        long t3 = System.nanoTime();
        Conversation largest = session.engine().state().histories().keysView().maxBy(
                c -> session.engine().state().histories().get(c).size());
        int[] shownMessages = {0};
        SwingUtilities.invokeAndWait(() -> shownMessages[0] = new ChatPanel(session.engine(), largest, 0, c -> CompletableFuture.completedFuture(null)).messageCount());
        long t4 = System.nanoTime();
        System.out.printf("events in log          %d%n", session.replayed());
        System.out.printf("unlock (Argon2id+walk) %d ms%n", (t1 - t0) / 1_000_000);
        System.out.printf("engine replay          %d ms (the log's bare replay, decrypt only: %d ms)%n",
                (t2 - t1) / 1_000_000, rawMillis);
        System.out.printf("main window shown      %d ms%n", (t3 - t2) / 1_000_000);
        System.out.printf("TOTAL to usable window %d ms%n", (t3 - t0) / 1_000_000 - rawMillis);
        System.out.printf("open largest chat (%d messages) %d ms%n", shownMessages[0], (t4 - t3) / 1_000_000);
        SwingUtilities.invokeAndWait(() -> shown.join().dispose());
        session.close();
        System.exit(0);
    }

    /** A vault with one account, {@code conversations} contacts and {@code messages} messages spread over them. */
    static void generate(Path dir, int messages, int conversations) throws Exception {
        Random random = new Random(1);
        EngineEventCodec codec = new EngineEventCodec();
        Jid alice = Jid.parse("alice@example.org");
        try (Vault vault = Vault.create(dir, PASSPHRASE.clone(), KdfParams.DEFAULT)) {
            EventLog log = vault.log();
            append(log, codec, new AccountEvent.AccountAdded(alice, Secret.ofUtf8("pw"), null, 5222, TlsPolicy.REQUIRED,
                    null));
            Jid[] contacts = new Jid[conversations];
            for (int i = 0; i < conversations; i++) {
                contacts[i] = Jid.parse("contact" + i + "@example.org");
                append(log, codec, new XmppEvent.RosterItemChanged(alice,
                        new RosterItem(contacts[i], "Contact " + i, "both", false, List.of())));
            }
            CompletableFuture<Long> last = null;
            for (int i = 0; i < messages; i++) {
                Jid contact = contacts[random.nextInt(conversations)];
                String body = "message " + i + " " + "lorem ipsum dolor sit amet ".repeat(1 + random.nextInt(4));
                DurableEvent e = random.nextBoolean()
                        ? new XmppEvent.MessageSent(alice, contact, "s" + i, null, body)
                        : new XmppEvent.MessageReceived(alice, new Jid(contact.local(), contact.domain(), "phone"), "r" + i, null, "chat", body);
                last = log.append(EventStreams.of(e), codec.encode(e));
            }
            if (last != null) {
                last.join();
            }
            log.sync().join();
        }
    }

    private static void append(EventLog log, EngineEventCodec codec, DurableEvent e) {
        log.append(EventStreams.of(e), codec.encode(e)).join();
    }
}
