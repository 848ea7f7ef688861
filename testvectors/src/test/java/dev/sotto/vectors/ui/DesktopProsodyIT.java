package dev.sotto.vectors.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PresenceShow;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.ui.SottoFrame;
import dev.sotto.ui.UiConfig;
import dev.sotto.ui.chat.ChatPanel;
import dev.sotto.ui.main.ConnectionState;
import dev.sotto.ui.main.ContactRow;
import dev.sotto.ui.main.MainView;
import dev.sotto.ui.start.StartPanel;
import dev.sotto.ui.theme.Theme;
import dev.sotto.vectors.peers.PeerInfo;
import dev.sotto.vectors.peers.Peers;
import java.awt.Component;
import java.awt.GraphicsEnvironment;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
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
 * The desktop client against the real Prosody (testvectors/peers/prosody): alice uses the window, bob is a
 * second Sotto engine. Adds the account through the dialog, accepts the self-signed certificate by its
 * fingerprint, adds bob, sees him come online, exchanges messages, and finds them again after a restart.
 * Screenshots go to ui-swing/target/screenshots.
 */
class DesktopProsodyIT {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Path SCREENSHOTS = Path.of("..", "ui-swing", "target", "screenshots");
    private static final Timeout WAIT = Timeout.timeout(30_000);

    // Not deleted by JUnit: in CI something still created a file in the vault directory while JUnit was
    // deleting it after the test had passed (DirectoryNotEmptyException). Reported in the session note as an
    // open question about the desktop session's shutdown; the test's own assertions are unchanged.
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
    Path tmp;

    private FrameFixture window;
    private SottoEngine bob;

    @BeforeAll
    static void display() {
        boolean headless = GraphicsEnvironment.isHeadless();
        if (headless && "1".equals(System.getenv("SOTTO_REQUIRE_PEERS"))) {
            fail("no display but SOTTO_REQUIRE_PEERS=1: run the build under xvfb-run -a");
        }
        assumeTrue(!headless, "no display: run under xvfb-run -a to include the UI tests");
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
    }

    private static String password(PeerInfo prosody, String user) {
        for (String pair : prosody.get("users").split(",")) {
            if (pair.startsWith(user + ":")) {
                return pair.substring(user.length() + 1);
            }
        }
        throw new AssertionError("no test user " + user);
    }

    private SottoFrame open() {
        UiConfig config = new UiConfig(tmp.resolve("vault"), tmp.resolve("prefs"), KdfParams.forTests(), Theme.LIGHT);
        SottoFrame frame = GuiActionRunner.execute(() -> SottoFrame.build(config));
        window = new FrameFixture(frame);
        window.show();
        return frame;
    }

    private static void screenshot(Component c, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            ImageIO.write(new ScreenshotTaker().takeScreenshotOf(c), "png", SCREENSHOTS.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void until(String what, SottoFrame frame, Predicate<MainView> test) {
        Pause.pause(new Condition(what) {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(() -> frame.mainPanel() != null && test.test(frame.mainPanel().view()));
            }
        }, WAIT);
    }

    private static ContactRow row(MainView v, Conversation c) {
        return v.contacts().get(c);
    }

    @Test
    void addAccountSeeBobOnlineChatAndFindTheHistoryAfterRestart() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        String domain = prosody.get("domain");
        Jid alice = Jid.parse("alice@" + domain);
        Jid bobJid = Jid.parse("bob@" + domain);
        Conversation withBob = new Conversation(alice, bobJid);

        // Bob: a second engine that approves alice's subscription request and echoes what she says.
        bob = SottoEngine.inMemory(EngineOptions.defaults());
        CompletableFuture<String> bobGot = new CompletableFuture<>();
        bob.subscribe(e -> {
            if (e instanceof XmppEvent.SubscriptionRequested s && s.from().bare().equals(alice)) {
                bob.answerSubscription(bobJid, alice, true);
            } else if (e instanceof XmppEvent.MessageReceived m && m.from().bare().equals(alice)) {
                bobGot.complete(m.body());
            }
        });
        bob.addAccount(bobJid, Secret.ofUtf8(password(prosody, "bob")), prosody.host(), prosody.intValue("c2s.port"),
                TlsPolicy.REQUIRED, "bob-engine").get(10, TimeUnit.SECONDS);
        bob.pinCertificate(bobJid, prosody.get("cert.sha256")).get(10, TimeUnit.SECONDS);
        bob.connect(bobJid);

        SottoFrame frame = open();
        window.textBox(StartPanel.PASSPHRASE).enterText(PASSPHRASE);
        // Enter submits (a click on the submit button right after typing is lost now and then under Xvfb).
        window.textBox(StartPanel.REPEAT).enterText(PASSPHRASE).pressAndReleaseKeys(KeyEvent.VK_ENTER);
        frame.session().get(20, TimeUnit.SECONDS);

        // The robot's first click into the freshly unlocked frame is lost now and then under Xvfb (seen in CI:
        // the dialog never opened), so the button is pressed as a click would press it; invokeLater because
        // the action opens a modal dialog that would block a synchronous EDT call.
        javax.swing.JButton addAccount = window.button("addAccount").requireEnabled().target();
        javax.swing.SwingUtilities.invokeLater(addAccount::doClick);
        DialogFixture dialog = window.dialog("accountDialog");
        dialog.textBox("jid").enterText(alice.toString());
        dialog.textBox("password").enterText(password(prosody, "alice"));
        dialog.textBox("host").enterText(prosody.host());
        dialog.textBox("port").enterText(Integer.toString(prosody.intValue("c2s.port")));
        screenshot(dialog.target(), "account-dialog");
        dialog.button("accountOk").click();

        // Prosody's certificate is self-signed: the prompt shows its SHA-256, the user pins it.
        DialogFixture prompt = WindowFinder.findDialog("certificatePrompt").withTimeout(30, TimeUnit.SECONDS)
                .using(window.robot());
        assertThat(prompt.textBox("fingerprint").text().replace("\n", "")).isEqualTo(prosody.get("cert.sha256"));
        screenshot(prompt.target(), "certificate-prompt");
        prompt.button("acceptAlways").click();
        until("alice online", frame, v -> v.accounts().get(alice) != null
                && v.accounts().get(alice).state() == ConnectionState.ONLINE);

        window.button("addContact").click();
        DialogFixture add = window.dialog(new GenericTypeMatcher<javax.swing.JDialog>(javax.swing.JDialog.class) {
            @Override
            protected boolean isMatching(javax.swing.JDialog d) {
                return "Add contact".equals(d.getTitle()) && d.isShowing();
            }
        });
        add.textBox("contactJid").enterText(bobJid.toString());
        add.textBox("contactName").enterText("Bob");
        add.button(new GenericTypeMatcher<javax.swing.JButton>(javax.swing.JButton.class) {
            @Override
            protected boolean isMatching(javax.swing.JButton b) {
                return "OK".equals(b.getText());
            }
        }).click();
        until("bob online", frame, v -> row(v, withBob) != null
                && row(v, withBob).best().show() != PresenceShow.UNAVAILABLE);
        screenshot(frame, "main-bob-online");

        // Bob writes first: an unread badge, then alice opens the chat and answers.
        bob.sendMessage(bobJid, alice, "hello alice");
        until("unread from bob", frame, v -> row(v, withBob).unread() == 1);
        assertThat(GuiActionRunner.execute(frame::getTitle)).isEqualTo("Sotto (1)");
        screenshot(frame, "main-unread");
        window.list("contacts").item(0).doubleClick();
        dev.sotto.ui.chat.ChatWindow chatWindow = GuiActionRunner.execute(frame::chatWindow);
        FrameFixture chat = new FrameFixture(window.robot(), chatWindow);
        ChatPanel panel = GuiActionRunner.execute(() -> chatWindow.panel(withBob));
        assertThat(panel).isNotNull();
        chat.textBox("input").enterText("hello bob").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        assertThat(bobGot.get(20, TimeUnit.SECONDS)).isEqualTo("hello bob");
        Pause.pause(new Condition("both messages shown") {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(panel::messageCount) == 2;
            }
        }, WAIT);
        String transcript = GuiActionRunner.execute(panel::transcriptText);
        assertThat(transcript).contains("bob: hello alice").contains("me: hello bob");
        assertThat(transcript.indexOf("hello alice")).isLessThan(transcript.indexOf("hello bob"));
        until("read", frame, v -> row(v, withBob).unread() == 0);
        screenshot(chatWindow, "chat");

        // Restart: the history comes back from the encrypted log.
        window.cleanUp();
        window = null;
        frame.closed().get(20, TimeUnit.SECONDS);
        frame = open();
        window.textBox(StartPanel.PASSPHRASE).enterText(PASSPHRASE).pressAndReleaseKeys(KeyEvent.VK_ENTER);
        frame.session().get(20, TimeUnit.SECONDS);
        SottoFrame reopened = frame;
        ChatPanel again = GuiActionRunner.execute(() -> reopened.chatWindow().open(withBob));
        assertThat(GuiActionRunner.execute(again::messageCount)).isEqualTo(2);
        assertThat(GuiActionRunner.execute(again::transcriptText)).contains("hello alice", "hello bob");
        until("alice online again with the pinned certificate", frame, v -> v.accounts().get(alice).state()
                == ConnectionState.ONLINE);
        GuiActionRunner.execute(() -> reopened.chatWindow().setVisible(false));
    }
}
