package dev.sotto.vectors.bench;

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
import dev.sotto.persistence.vault.Crypto;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.KeyRingFile;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.ui.SottoFrame;
import dev.sotto.ui.UiConfig;
import dev.sotto.ui.chat.ChatPanel;
import dev.sotto.ui.start.StartPanel;
import dev.sotto.ui.theme.Theme;
import java.awt.Component;
import java.awt.Container;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;

/**
 * Issue 10's start-up figure (reported, never asserted): a vault holding N messages, from the passphrase to a
 * usable main window, driving the real desktop window. The vault is generated once (with cheap Argon2id parameters,
 * so generation is quick) and then re-wrapped under the real parameters ({@link KdfParams#DEFAULT}: 64 MiB, t=3,
 * p=1), so that each run's unlock pays the Argon2id a user pays (pass {@code cheap} as the fifth argument to keep
 * the cheap parameters and measure the log and the UI alone). Each run is a fresh JVM: it shows the start screen,
 * enters the passphrase, presses Unlock (on the event dispatch thread, as a click would) and stops the clock when
 * the main window shows every contact and the event dispatch thread has painted and answered again. So the figure
 * is: Argon2id, key ring, the log's one-pass walk (chain and outer AEAD of every record; the inner AEAD of all but the
 * conversations' records, which stay sealed until read: README, security model) with the engine's replay, the engine's
 * start, OTR, the main view, and building and painting the main window, all in a cold JVM. Prints each run and
 * the medians, with the load average before and after, and the process CPU time the start-up took (all threads,
 * JIT included; less sensitive to a loaded machine than the wall clock). Needs a display:
 *
 * <pre>
 * xvfb-run -a mvn -B -pl testvectors -am -Pbench -DskipTests verify \
 *     -Dbench.main=dev.sotto.vectors.bench.DesktopStartupMain -Dbench.args='target/startup-vault 100000 100 7'
 * </pre>
 * Arguments: vault directory (created when absent; delete it to change the sizes), messages (100000),
 * conversations (100), runs (7), {@code real} (default) or {@code cheap} Argon2id parameters (the vault is re-wrapped
 * when its parameters differ), typing time in ms (0: Unlock is pressed as soon as the start screen shows; e.g. 3000
 * for a person typing the passphrase, during which the start screen's warm-up runs), and how the JVMs are launched:
 * {@code launcher} (default: as {@code ui-swing/target/sotto}, the README's start command, launches the app: with the
 * class data sharing archive the build makes, {@code sotto.jsa}, and the script's {@code JVM_OPTIONS}), {@code plain}
 * (as {@code java -jar sotto.jar}: neither), or {@code both} (alternating, run by run; each set's medians). The clock
 * starts when Unlock's action fires.
 */
public final class DesktopStartupMain {
    private static final char[] PASSPHRASE = "startup bench passphrase".toCharArray();
    private static final String RESULT = "RESULT ";

    private DesktopStartupMain() {}

    /** A fresh copy of the bench vault's passphrase (the vault zeroes what it is given). */
    static char[] passphrase() {
        return PASSPHRASE.clone();
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        if (args.length > 0 && args[0].equals("--once")) {
            once(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? Long.parseLong(args[4]) : 0);
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "target/startup-vault").toAbsolutePath();
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int conversations = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        KdfParams kdf = args.length > 4 && args[4].equals("cheap") ? KdfParams.forTests() : KdfParams.DEFAULT;
        long typingMillis = args.length > 5 ? Long.parseLong(args[5]) : 0;
        System.out.printf("typing time: %d ms between the start screen showing and Unlock (%s)%n", typingMillis,
                typingMillis == 0 ? "a click as soon as the window shows" : "a person typing the passphrase");
        if (!Files.exists(dir.resolve("keyring.bin"))) {
            long g0 = System.nanoTime();
            generate(dir, messages, conversations);
            System.out.printf("generated %d messages in %d conversations in %d ms (%s)%n", messages, conversations,
                    (System.nanoTime() - g0) / 1_000_000, dir);
        }
        KdfParams stored = KeyRingFile.kdfParams(KeyRingFile.read(dir.resolve(KeyRingFile.FILE_NAME)));
        if (!stored.equals(kdf)) {
            // Re-wrapping rewrites only the key ring (README, security model): the log stays as generated.
            try (Vault vault = Vault.open(dir, PASSPHRASE.clone())) {
                vault.changePassphrase(PASSPHRASE.clone(), PASSPHRASE.clone(), kdf);
            }
            stored = KeyRingFile.kdfParams(KeyRingFile.read(dir.resolve(KeyRingFile.FILE_NAME)));
        }
        System.out.printf("the vault's Argon2id parameters (every unlock below pays them): m=%d KiB, t=%d, p=%d%s%n",
                stored.memoryKiB(), stored.iterations(), stored.parallelism(),
                stored.equals(KdfParams.DEFAULT) ? " (the real ones)" : " (cheap: test parameters)");
        System.out.printf("for comparison, Argon2id with the real parameters once in this (build) JVM: %d ms%n",
                argon2Millis());
        // How users launch the desktop (README): the launcher script next to the jar, with the class data sharing
        // archive the build dumps there and the script's JVM options. A seventh argument compares: `plain` launches as
        // `java -jar sotto.jar` does, `both` alternates the two run by run.
        Path appJar = Path.of(System.getProperty("sotto.app.jar", "../ui-swing/target/sotto.jar"));
        Path archive = appJar.resolveSibling("sotto.jsa").toAbsolutePath();
        Path script = appJar.resolveSibling("sotto");
        String launch = args.length > 6 ? args[6] : "launcher";
        if (!List.of("launcher", "plain", "both").contains(launch)) {
            throw new IllegalArgumentException("launch: launcher, plain or both, not " + launch);
        }
        if (!launch.equals("plain") && !(Files.isRegularFile(archive) && Files.isRegularFile(script))) {
            System.out.println("(no " + archive + " or " + script + ": runs as `java -jar` would)");
            launch = "plain";
        }
        List<String> launcherFlags = new ArrayList<>();
        if (!launch.equals("plain")) {
            launcherFlags.add("-XX:SharedArchiveFile=" + archive);
            launcherFlags.addAll(launcherJvmOptions(script));
            System.out.println("launched as " + script + " launches the app: " + String.join(" ", launcherFlags));
        }
        List<long[]> launched = new ArrayList<>();
        List<long[]> plainRuns = new ArrayList<>();
        for (int run = 0; run < runs * (launch.equals("both") ? 2 : 1); run++) {
            boolean asLauncher = launch.equals("launcher") || (launch.equals("both") && run % 2 == 0);
            String before = loadAverage();
            long[] r = child(dir, messages, conversations, typingMillis, asLauncher ? launcherFlags : List.of());
            (asLauncher ? launched : plainRuns).add(r);
            System.out.printf("run %d (%s): unlock pressed -> usable window %d ms (process CPU time %d ms; of the wall "
                    + "time: Argon2id, key ring and the log's one-pass walk with the replay %d ms, engine %d ms, OTR and "
                    + "main view %d ms, the rest (hand-over to the event dispatch thread, building and painting the main "
                    + "window) %d ms); JVM start -> usable window %d ms; open the largest chat (%d messages) %d ms; "
                    + "events %d; load average %s -> %s%n", run + 1, asLauncher ? "launcher" : "plain java -jar", r[0],
                    r[5], r[6], r[7], r[8], r[0] - r[6] - r[7] - r[8], r[1], r[3], r[2], r[4], before, loadAverage());
        }
        printMedians(launched, "launched as the launcher script does");
        printMedians(plainRuns, "launched as plain java -jar");
    }

    /** The launcher script's {@code JVM_OPTIONS="..."} line, split on spaces. */
    private static List<String> launcherJvmOptions(Path script) throws java.io.IOException {
        for (String line : Files.readAllLines(script)) {
            if (line.startsWith("JVM_OPTIONS=\"") && line.endsWith("\"")) {
                String v = line.substring("JVM_OPTIONS=\"".length(), line.length() - 1).trim();
                return v.isEmpty() ? List.of() : List.of(v.split(" +"));
            }
        }
        throw new IllegalStateException("no JVM_OPTIONS line in " + script);
    }

    private static void printMedians(List<long[]> results, String launch) {
        if (results.isEmpty()) {
            return;
        }
        System.out.printf("MEDIAN of %d runs %s: unlock pressed -> usable window %d ms (process CPU time %d ms; "
                + "Argon2id, key ring, walk and replay %d ms; engine %d ms; OTR and main view %d ms); JVM start -> "
                + "usable window %d ms; open the largest chat %d ms (%d cores)%n", results.size(), launch,
                median(results, 0), median(results, 5), median(results, 6), median(results, 7), median(results, 8),
                median(results, 1), median(results, 2), Runtime.getRuntime().availableProcessors());
    }

    private static long median(List<long[]> results, int i) {
        List<Long> v = new ArrayList<>();
        results.forEach(r -> v.add(r[i]));
        Collections.sort(v);
        return v.get(v.size() / 2);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    /** One run in a fresh JVM (same flags and class path), so every run pays class loading and JIT warm-up. */
    private static long[] child(Path dir, int messages, int conversations, long typingMillis, List<String> launcherFlags)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        // The archive was dumped with the app jar alone on the class path; this class's directory after it is allowed
        // (the dump-time class path must be a prefix of the run's).
        cmd.addAll(launcherFlags);
        cmd.add("-cp");
        cmd.add(childClassPath());
        cmd.add(DesktopStartupMain.class.getName());
        cmd.add("--once");
        cmd.add(dir.toString());
        cmd.add(Integer.toString(messages));
        cmd.add(Integer.toString(conversations));
        cmd.add(Long.toString(typingMillis));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long[] result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(RESULT)) {
                    String[] f = line.substring(RESULT.length()).split(" ");
                    result = new long[f.length];
                    for (int i = 0; i < f.length; i++) {
                        result[i] = Long.parseLong(f[i]);
                    }
                }
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || result == null) {
            p.destroyForcibly();
            throw new IllegalStateException("run failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
        return result;
    }

    /**
     * The app jar as users run it (shaded: one jar, the dependencies' signatures stripped) plus this class. On the
     * build's class path the signed BouncyCastle jar is verified when its first class loads, about a second of
     * CPU the real app does not pay. Without the app jar (not packaged), the build's class path.
     */
    private static String childClassPath() throws Exception {
        Path app = Path.of(System.getProperty("sotto.app.jar", "../ui-swing/target/sotto.jar"));
        if (!Files.isRegularFile(app)) {
            System.out.println("(no " + app + ": runs use the build's class path)");
            return System.getProperty("java.class.path");
        }
        Path self = Path.of(DesktopStartupMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return app.toAbsolutePath() + java.io.File.pathSeparator + self;
    }

    private static void once(Path dir, int messages, int conversations, long typingMillis) throws Exception {
        Path prefs = Files.createTempDirectory("sotto-bench-prefs");
        UiConfig config = new UiConfig(dir, prefs, KdfParams.forTests(), Theme.LIGHT);
        CompletableFuture<SottoFrame> built = new CompletableFuture<>();
        SwingUtilities.invokeAndWait(() -> {
            SottoFrame f = SottoFrame.build(config);
            f.setLocationRelativeTo(null);
            f.setVisible(true);
            built.complete(f);
        });
        SottoFrame frame = built.join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!onEdt(frame::isShowing) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // A person needs a few seconds to type a passphrase; the start screen's warm-up (SottoFrame) runs meanwhile.
        Thread.sleep(typingMillis);
        JButton submit = onEdt(() -> {
            ((JPasswordField) find(frame, StartPanel.PASSPHRASE)).setText(new String(PASSPHRASE));
            return (JButton) find(frame, StartPanel.SUBMIT);
        });
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        // doClick(0): the action fires at once, as on a mouse button's release. The no-argument doClick() holds the
        // button pressed for 68 ms first, time a person's click takes before the application learns of it.
        SwingUtilities.invokeAndWait(() -> submit.doClick(0));
        frame.session().get(5, TimeUnit.MINUTES);
        // Usable: the main view lists every contact, and the event dispatch thread has painted and answers.
        while (onEdt(() -> frame.mainPanel() == null || frame.mainPanel().view().contacts().size() < conversations)) {
            Thread.sleep(1);
        }
        SwingUtilities.invokeAndWait(() -> frame.mainPanel().paintImmediately(frame.mainPanel().getBounds()));
        SwingUtilities.invokeAndWait(() -> { });
        long t1 = System.nanoTime();
        long cpu = (os.getProcessCpuTime() - cpu0) / 1_000_000;
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long sinceJvm = System.currentTimeMillis() - jvmStart;
        // The largest conversation, from the generator's seed: asking the state would decode every history (they are
        // decoded when first read), and the chat's open below would not pay its own.
        Jid largestContact = Jid.parse("contact" + largestContact(messages, conversations) + "@example.org");
        Conversation largest = new Conversation(Jid.parse("alice@example.org"), largestContact);
        long c0 = System.nanoTime();
        int shown = onEdt(() -> {
            ChatPanel p = frame.chatWindow().open(largest);
            return p.messageCount();
        });
        SwingUtilities.invokeAndWait(() -> { });
        long c1 = System.nanoTime();
        long events = frame.session().join().replayed();
        long[] phases = frame.session().join().loadNanos();
        SwingUtilities.invokeAndWait(frame::dispose);
        frame.closed().get(1, TimeUnit.MINUTES);
        System.out.println(RESULT + (t1 - t0) / 1_000_000 + " " + sinceJvm + " " + (c1 - c0) / 1_000_000 + " " + shown
                + " " + events + " " + cpu + " " + phases[0] / 1_000_000 + " " + phases[1] / 1_000_000 + " "
                + phases[2] / 1_000_000);
        System.exit(0);
    }

    private static <T> T onEdt(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    private static Component find(Container root, String name) {
        for (Component c : root.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof Container k) {
                Component found = find(k, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Argon2id with the default parameters, once (what a user's unlock adds before the log is read). */
    private static long argon2Millis() {
        long t0 = System.nanoTime();
        Crypto.argon2id(PASSPHRASE.clone(), new byte[16], KdfParams.DEFAULT);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The index of the contact {@link #generate} gives the most messages (the same seeded draws, in the same order). */
    static int largestContact(int messages, int conversations) {
        Random random = new Random(1);
        int[] counts = new int[conversations];
        for (int i = 0; i < messages; i++) {
            counts[random.nextInt(conversations)]++;
            random.nextInt(4);
            random.nextBoolean();
        }
        int best = 0;
        for (int i = 1; i < conversations; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * One account (its server refuses connections: 127.0.0.1 port 9), {@code conversations} roster contacts and
     * {@code messages} messages spread over them at random (seeded), half sent and half received, each appended
     * after the one before is written.
     */
    static void generate(Path dir, int messages, int conversations) throws Exception {
        Random random = new Random(1);
        EngineEventCodec codec = new EngineEventCodec();
        Jid alice = Jid.parse("alice@example.org");
        try (Vault vault = Vault.create(dir, PASSPHRASE.clone(), KdfParams.forTests())) {
            EventLog log = vault.log();
            append(log, codec, new AccountEvent.AccountAdded(alice, Secret.ofUtf8("pw"), "127.0.0.1", 9,
                    TlsPolicy.REQUIRED, null));
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
                        : new XmppEvent.MessageReceived(alice, new Jid(contact.local(), contact.domain(), "phone"),
                                "r" + i, null, "chat", body);
                // One at a time, as a person's messages arrive: one event per record (a burst would be batched into
                // fewer, larger records, which replay faster than a real vault's).
                last = log.append(EventStreams.of(e), codec.encode(e));
                last.join();
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
