package dev.sotto.vectors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.HistoryEntry;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.OtrTrust;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.otr.OtrAccountEvent;
import dev.sotto.engine.otr.OtrInterceptor;
import dev.sotto.engine.otr.OtrNotice;
import dev.sotto.engine.otr.OtrXmppAccount;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.ui.Session;
import dev.sotto.ui.SottoFrame;
import dev.sotto.ui.UiConfig;
import dev.sotto.ui.chat.ChatPanel;
import dev.sotto.ui.chat.ChatWindow;
import dev.sotto.ui.chat.OtrStatus;
import dev.sotto.ui.chat.OtrToolbar;
import dev.sotto.ui.chat.OtrView;
import dev.sotto.ui.main.ConnectionState;
import dev.sotto.ui.start.StartPanel;
import dev.sotto.ui.theme.Theme;
import dev.sotto.vectors.peers.PeerInfo;
import dev.sotto.vectors.peers.Peers;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.text.JTextComponent;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.image.ScreenshotTaker;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat window's OTR controls against the real Prosody (issue 10): alice uses the desktop window, bob is a
 * second Sotto engine in this process with OTR installed. Alice goes private from the toolbar and sees
 * "unverified" with both fingerprints; an SMP with a wrong answer is reported as a failure and changes nothing;
 * with the right answer the toolbar shows "private" (verified). Bob then asks alice to authenticate and she answers
 * in the dialog that opens. Private messages are not stored while "keep no history" is on (the default), stored
 * once she turns it off, and the setting is still off after a restart. Bob ending the conversation shows
 * "finished"; a message typed then is sent only after alice confirms sending it unencrypted; alice ending it
 * shows "not private".
 *
 * <p>Under Xvfb (no window manager) robot clicks right after a window opens can be lost, so buttons are pressed
 * with {@code doClick} on the event dispatch thread and fields are filled there too; every wait is generous.
 * Screenshots go to ui-swing/target/screenshots.
 */
class DesktopOtrIT {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Path SCREENSHOTS = Path.of("..", "ui-swing", "target", "screenshots");
    private static final Timeout WAIT = Timeout.timeout(45_000);
    private static final String FINGERPRINT = "([0-9A-F]{8} ){4}[0-9A-F]{8}";

    // Not deleted by JUnit (as in DesktopProsodyIT at d204685): a late write of the closing session into the
    // vault directory can race JUnit's cleanup.
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
    Path tmp;

    private FrameFixture window;
    private SottoEngine bob;
    private ExecutorService bobCrypto;

    @BeforeAll
    static void display() {
        Peers.requireDisplay();
        FailOnThreadViolationRepaintManager.install();
    }

    @AfterEach
    void cleanUp() {
        if (window != null) {
            window.cleanUp();
        }
        if (bob != null) {
            bob.close();
        }
        if (bobCrypto != null) {
            bobCrypto.shutdownNow();
        }
    }

    private static String password(PeerInfo prosody, String user) {
        for (String pair : prosody.get("users").split(",")) {
            if (pair.startsWith(user + ":")) {
                return pair.substring(user.length() + 1);
            }
        }
        throw new AssertionError("no test user " + user);
    }

    private static void screenshot(Component c, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            ImageIO.write(new ScreenshotTaker().takeScreenshotOf(c), "png", SCREENSHOTS.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void until(String what, Supplier<Boolean> test) {
        Pause.pause(new Condition(what) {
            @Override
            public boolean test() {
                return test.get();
            }
        }, WAIT);
    }

    private static void untilOnEdt(String what, Supplier<Boolean> test) {
        until(what, () -> GuiActionRunner.execute(test::get));
    }

    private SottoFrame open() {
        UiConfig config = new UiConfig(tmp.resolve("vault"), tmp.resolve("prefs"), KdfParams.forTests(), Theme.LIGHT);
        SottoFrame frame = GuiActionRunner.execute(() -> SottoFrame.build(config));
        window = new FrameFixture(frame);
        window.show();
        awaitActive(frame);
        return frame;
    }

    private Session unlock(SottoFrame frame, boolean create) throws Exception {
        window.textBox(StartPanel.PASSPHRASE).enterText(PASSPHRASE);
        if (create) {
            window.textBox(StartPanel.REPEAT).enterText(PASSPHRASE).pressAndReleaseKeys(KeyEvent.VK_ENTER);
        } else {
            window.textBox(StartPanel.PASSPHRASE).pressAndReleaseKeys(KeyEvent.VK_ENTER);
        }
        return frame.session().get(30, TimeUnit.SECONDS);
    }

    /** Waits until {@code w} is the focused window, asking for it meanwhile (no window manager under Xvfb). */
    private static void awaitActive(Window w) {
        untilOnEdt("window focused", () -> {
            if (w.isFocused()) {
                return true;
            }
            w.toFront();
            w.requestFocus();
            return false;
        });
    }

    /** The named component inside {@code root}, looked up on the event dispatch thread. */
    private static <T extends Component> T find(Container root, String name, Class<T> type) {
        return GuiActionRunner.execute(() -> findIn(root, name, type));
    }

    private static <T extends Component> T findIn(Container root, String name, Class<T> type) {
        for (Component c : root.getComponents()) {
            if (name.equals(c.getName()) && type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof Container k) {
                T t = findIn(k, name, type);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Presses a button as a click would: its action listeners run on the event dispatch thread. */
    private static void press(AbstractButton b) {
        until("enabled: " + GuiActionRunner.execute(b::getName), () -> GuiActionRunner.execute(b::isEnabled));
        javax.swing.SwingUtilities.invokeLater(b::doClick);
    }

    /** The showing dialog named {@code name} (the newest when there are several). */
    private static JDialog dialog(String name) {
        AtomicReference<JDialog> found = new AtomicReference<>();
        until("dialog " + name, () -> GuiActionRunner.execute(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof JDialog d && name.equals(d.getName()) && d.isShowing()) {
                    found.set(d);
                }
            }
            return found.get() != null;
        }));
        return found.get();
    }

    private static void type(Container root, String field, String text) {
        JTextComponent f = find(root, field, JTextComponent.class);
        assertThat(f).as(field).isNotNull();
        GuiActionRunner.execute(() -> f.setText(text));
    }

    private static OtrView view(OtrToolbar bar) {
        return GuiActionRunner.execute(bar::view);
    }

    private static void untilStatus(OtrToolbar bar, OtrStatus status) {
        untilOnEdt("toolbar shows " + status, () -> bar.view().status() == status);
    }

    private static void untilTranscript(ChatPanel panel, String text) {
        untilOnEdt("transcript shows '" + text + "'", () -> panel.transcriptText().contains(text));
    }

    private static List<String> storedBodies(SottoEngine engine, Jid account, Jid contact) {
        return engine.state().history(account, contact).collect(HistoryEntry::event).toList().stream()
                .map(e -> e instanceof XmppEvent.MessageSent s ? s.body()
                        : e instanceof XmppEvent.MessageReceived r ? r.body() : "")
                .toList();
    }

    @Test
    void privateFromTheToolbarUnverifiedThenSmpFailsWithAWrongSecretAndVerifiesWithTheRightOne() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        String domain = prosody.get("domain");
        Jid alice = Jid.parse("alice@" + domain);
        Jid bobJid = Jid.parse("bob@" + domain);
        Conversation withBob = new Conversation(alice, bobJid);

        // Bob: a second engine with OTR; he answers alice's SMP with whatever answer the test gives him.
        AtomicReference<String> bobAnswer = new AtomicReference<>();
        List<Object> bobEvents = new CopyOnWriteArrayList<>();
        bob = SottoEngine.inMemory(EngineOptions.defaults().withEventLoopThreads(1));
        bobCrypto = Executors.newSingleThreadExecutor();
        OtrInterceptor bobOtr = OtrInterceptor.install(bob, List.of(), bobCrypto, new SecureRandom());
        bob.addAccount(bobJid, Secret.ofUtf8(password(prosody, "bob")), prosody.host(), prosody.intValue("c2s.port"),
                TlsPolicy.REQUIRED, "bob-engine").get(10, TimeUnit.SECONDS);
        bob.pinCertificate(bobJid, prosody.get("cert.sha256")).get(10, TimeUnit.SECONDS);
        OtrXmppAccount bobAccount = bobOtr.account(bobJid);
        bob.subscribe(e -> {
            bobEvents.add(e);
            if (e instanceof OtrAccountEvent.Notice n && n.notice() instanceof OtrNotice.SmpRequested) {
                bobAccount.smpAnswer(n.contact(), Secret.ofUtf8(bobAnswer.get()));
            }
        });
        bob.connect(bobJid);

        // Alice: the desktop window on a new vault; her account is added through the engine (the account dialog
        // and certificate prompt have their own tests).
        SottoFrame frame = open();
        Session session = unlock(frame, true);
        SottoEngine engine = session.engine();
        engine.addAccount(alice, Secret.ofUtf8(password(prosody, "alice")), prosody.host(),
                prosody.intValue("c2s.port"), TlsPolicy.REQUIRED, "desktop").get(10, TimeUnit.SECONDS);
        engine.pinCertificate(alice, prosody.get("cert.sha256")).get(10, TimeUnit.SECONDS);
        engine.connect(alice);
        untilOnEdt("alice online", () -> frame.mainPanel().view().accounts().get(alice) != null
                && frame.mainPanel().view().accounts().get(alice).state() == ConnectionState.ONLINE);
        until("bob online", () -> bobEvents.stream().anyMatch(e -> e instanceof XmppEvent.Connected));
        until("alice's key", () -> {
            try {
                return session.otr().account(alice).query(m -> m.fingerprint() != null).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        });
        until("bob's key", () -> {
            try {
                return bobAccount.query(m -> m.fingerprint() != null).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        });
        String aliceFingerprint = session.otr().account(alice).query(m -> m.fingerprint().display()).get(10, TimeUnit.SECONDS);
        String bobFingerprint = bobAccount.query(m -> m.fingerprint().display()).get(10, TimeUnit.SECONDS);

        ChatWindow chat = GuiActionRunner.execute(frame::chatWindow);
        ChatPanel panel = GuiActionRunner.execute(() -> chat.open(withBob));
        awaitActive(chat);
        OtrToolbar bar = GuiActionRunner.execute(panel::otrToolbar);
        assertThat(bar).as("the chat tab has the OTR toolbar").isNotNull();
        untilOnEdt("our fingerprint known", () -> bar.view().ourFingerprint() != null);
        assertThat(view(bar).status()).isEqualTo(OtrStatus.NOT_PRIVATE);
        assertThat(view(bar).keepHistory()).as("keep no history: on by default").isFalse();
        assertThat(GuiActionRunner.execute(() -> find(panel, "otrNoHistory", AbstractButton.class).isSelected())).isTrue();
        screenshot(chat, "chat-otr-not-private");

        // Start: the toolbar follows the AKE to "unverified", with bob's real fingerprint.
        press(find(bar, "otrStart", AbstractButton.class));
        untilStatus(bar, OtrStatus.UNVERIFIED);
        untilTranscript(panel, "Private conversation started");
        assertThat(view(bar).theirFingerprint()).matches(FINGERPRINT).isEqualTo(bobFingerprint);
        assertThat(view(bar).ourFingerprint()).matches(FINGERPRINT).isEqualTo(aliceFingerprint);
        assertThat(GuiActionRunner.execute(() -> find(bar, "otrStatus", JLabel.class).getText()))
                .isEqualTo("OTR: Unverified");
        screenshot(chat, "chat-otr-unverified");

        // The fingerprint view shows both fingerprints as five groups of eight.
        press(find(bar, "otrFingerprints", AbstractButton.class));
        JDialog fingerprints = dialog("fingerprintDialog");
        assertThat(GuiActionRunner.execute(() -> find(fingerprints, "theirFingerprint", JTextComponent.class).getText()))
                .isEqualTo(bobFingerprint);
        assertThat(GuiActionRunner.execute(() -> find(fingerprints, "ourFingerprint", JTextComponent.class).getText()))
                .isEqualTo(aliceFingerprint);
        screenshot(fingerprints, "otr-fingerprints");
        press(find(fingerprints, "closeFingerprints", AbstractButton.class));
        untilOnEdt("fingerprint view closed", () -> !fingerprints.isShowing());

        // SMP with a wrong answer: reported as a failure, still unverified.
        bobAnswer.set("the red door");
        press(find(bar, "otrSmp", AbstractButton.class));
        JDialog smp = dialog("smpDialog");
        type(smp, "smpQuestion", "Which door did we use?");
        type(smp, "smpSecret", "the blue door");
        screenshot(smp, "otr-smp-start");
        press(find(smp, "smpOk", AbstractButton.class));
        untilOnEdt("SMP failure shown", () -> bar.smpResult().equals("Authentication failed"));
        untilTranscript(panel, "Authentication failed: the answers did not match");
        assertThat(view(bar).status()).isEqualTo(OtrStatus.UNVERIFIED);
        screenshot(chat, "chat-otr-smp-failed");

        // SMP with the right answer: verified, the toolbar says "private".
        bobAnswer.set("the blue door");
        press(find(bar, "otrSmp", AbstractButton.class));
        JDialog again = dialog("smpDialog");
        type(again, "smpQuestion", "Which door did we use?");
        type(again, "smpSecret", "the blue door");
        press(find(again, "smpOk", AbstractButton.class));
        untilStatus(bar, OtrStatus.PRIVATE);
        untilTranscript(panel, "Authentication succeeded");
        assertThat(view(bar).trust()).isEqualTo(OtrTrust.VERIFIED_SMP);
        assertThat(GuiActionRunner.execute(() -> find(bar, "otrStatus", JLabel.class).getText()))
                .isEqualTo("OTR: Private");
        screenshot(chat, "chat-otr-private");

        // Bob asks alice: the answer dialog opens with his question; she answers, both succeed.
        int bobResultsBefore = (int) bobEvents.stream().filter(e -> e instanceof OtrAccountEvent.Notice n
                && n.notice() instanceof OtrNotice.SmpResult).count();
        bobAccount.smpStart(alice, Secret.ofUtf8("our café"), "Where did we meet?");
        JDialog answer = dialog("smpDialog");
        assertThat(GuiActionRunner.execute(() -> find(answer, "smpQuestionShown", JLabel.class).getText()))
                .contains("Where did we meet?");
        screenshot(answer, "otr-smp-answer");
        type(answer, "smpSecret", "our café");
        press(find(answer, "smpOk", AbstractButton.class));
        until("bob's SMP succeeded", () -> bobEvents.stream().filter(e -> e instanceof OtrAccountEvent.Notice n
                && n.notice() instanceof OtrNotice.SmpResult).count() > bobResultsBefore);
        assertThat(bobEvents.stream().filter(e -> e instanceof OtrAccountEvent.Notice n
                && n.notice() instanceof OtrNotice.SmpResult).reduce((a, b) -> b).orElseThrow())
                .satisfies(e -> assertThat(((OtrNotice.SmpResult) ((OtrAccountEvent.Notice) e).notice()).success())
                        .isTrue());
        untilOnEdt("alice's side reports it", () -> bar.smpResult().equals("Authentication succeeded"));

        // Private messages: shown, not stored while "keep no history" is on.
        JTextComponent input = find(panel, "input", JTextComponent.class);
        GuiActionRunner.execute(() -> {
            input.setText("private and forgotten");
            ((javax.swing.JTextField) input).postActionEvent();
        });
        until("bob got it", () -> bobEvents.stream().anyMatch(e -> e instanceof OtrAccountEvent.ChatMessage m
                && !m.outgoing() && m.encrypted() && m.text().equals("private and forgotten")));
        bob.sendMessage(bobJid, alice, "bob's private reply");
        untilTranscript(panel, "bob's private reply");
        assertThat(GuiActionRunner.execute(panel::transcriptText)).contains("me: private and forgotten");
        assertThat(storedBodies(engine, alice, bobJid)).doesNotContain("private and forgotten", "bob's private reply");

        // Turned off in the chat window: a durable event; private messages are stored from then on.
        press(find(panel, "otrNoHistory", AbstractButton.class));
        untilOnEdt("setting shown", () -> bar.view().keepHistory());
        bob.sendMessage(bobJid, alice, "bob's kept reply");
        untilTranscript(panel, "bob's kept reply");
        until("stored", () -> storedBodies(engine, alice, bobJid).contains("bob's kept reply"));
        assertThat(storedBodies(engine, alice, bobJid)).doesNotContain("bob's private reply");
        screenshot(chat, "chat-otr-history-kept");

        // Bob ends: "finished" for alice; alice ends: "not private".
        bobAccount.endPrivate(alice);
        untilStatus(bar, OtrStatus.FINISHED);
        untilTranscript(panel, "ended the private conversation");
        screenshot(chat, "chat-otr-finished");

        // Finished (OTR v3: the message "cannot be sent at this time"): nothing goes out until alice decides; she
        // chooses to send it unencrypted and bob receives it in clear.
        GuiActionRunner.execute(() -> {
            input.setText("after the end");
            ((javax.swing.JTextField) input).postActionEvent();
        });
        JDialog ask = dialog("sendInClearDialog");
        assertThat(GuiActionRunner.execute(() -> find(ask, "sendInClearText", JLabel.class).getText()))
                .contains("ended the private conversation");
        screenshot(ask, "otr-send-in-clear-finished");
        Thread.sleep(300);
        assertThat(bobEvents).as("nothing sent before alice answers").noneMatch(e ->
                e instanceof OtrAccountEvent.ChatMessage m && !m.outgoing() && m.text().equals("after the end"));
        press(find(ask, "sendInClear", AbstractButton.class));
        until("bob got it in clear", () -> bobEvents.stream().anyMatch(e -> e instanceof OtrAccountEvent.ChatMessage m
                && !m.outgoing() && !m.encrypted() && m.text().equals("after the end")));
        untilTranscript(panel, "me: after the end");
        press(find(bar, "otrEnd", AbstractButton.class));
        untilStatus(bar, OtrStatus.NOT_PRIVATE);
        untilTranscript(panel, "Private conversation ended");

        // Restart: the history setting came back from the log.
        window.cleanUp();
        window = null;
        frame.closed().get(30, TimeUnit.SECONDS);
        SottoFrame reopened = open();
        Session second = unlock(reopened, false);
        assertThat(second.otr().account(alice).query(m -> m.keepsPrivateHistory(bobJid)).get(10, TimeUnit.SECONDS))
                .isTrue();
        ChatWindow chat2 = GuiActionRunner.execute(reopened::chatWindow);
        ChatPanel panel2 = GuiActionRunner.execute(() -> chat2.open(withBob));
        OtrToolbar bar2 = GuiActionRunner.execute(panel2::otrToolbar);
        untilOnEdt("setting shown after restart", () -> bar2.view().keepHistory());
        assertThat(GuiActionRunner.execute(() -> find(panel2, "otrNoHistory", AbstractButton.class).isSelected()))
                .isFalse();
        assertThat(GuiActionRunner.execute(panel2::transcriptText)).contains("bob's kept reply")
                .doesNotContain("private and forgotten", "bob's private reply");
        GuiActionRunner.execute(() -> chat2.setVisible(false));
    }
}
