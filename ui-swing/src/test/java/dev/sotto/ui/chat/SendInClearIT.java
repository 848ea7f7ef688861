package dev.sotto.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.otr.OtrAccountEvent;
import dev.sotto.engine.otr.OtrInterceptor;
import dev.sotto.engine.otr.OtrMessagingConfig;
import dev.sotto.engine.otr.OtrPolicy;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.ui.UiTesting;
import java.awt.Window;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, "never sent in clear without asking": alice's policy for bob requires encryption and bob is not there
 * (the account is not even connected), so her message is held for a private conversation and fails when none
 * comes (a short hold time here). The chat then asks; only "Send unencrypted" sends the text in clear (the OTR
 * layer's unencrypted outgoing message), "Don't send" sends nothing and gives the text back to the input line.
 */
class SendInClearIT {
    private static final Jid ALICE = Jid.parse("alice@example.invalid");
    private static final Jid BOB = Jid.parse("bob@example.invalid");
    private static final long WAIT_MILLIS = 30_000;

    private SottoEngine engine;
    private ExecutorService crypto;
    private JFrame frame;
    private ChatPanel panel;
    private final List<Object> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void display() {
        UiTesting.requireDisplay();
    }

    @BeforeEach
    void setUp() throws Exception {
        engine = SottoEngine.inMemory(EngineOptions.defaults().withEventLoopThreads(1));
        crypto = Executors.newSingleThreadExecutor();
        OtrInterceptor otr = new OtrInterceptor(engine, crypto,
                OtrMessagingConfig.DEFAULTS.withTimeouts(60_000_000_000L, 300_000_000L), new SecureRandom(),
                Clock.systemUTC(), List.of());
        engine.setMessageInterceptor(otr);
        engine.addAccount(ALICE, Secret.ofUtf8("pw"), "127.0.0.1", 1, TlsPolicy.REQUIRED, null)
                .get(10, TimeUnit.SECONDS);
        otr.account(ALICE).setPolicy(BOB, OtrPolicy.ALWAYS, "always", null);
        until("alice's OTR key", () -> {
            try {
                return otr.account(ALICE).query(m -> m.fingerprint() != null).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        });
        panel = GuiActionRunner.execute(() -> new ChatPanel(engine, otr, new Conversation(ALICE, BOB), 0,
                c -> CompletableFuture.completedFuture(null)));
        engine.subscribe(e -> {
            events.add(e);
            SwingUtilities.invokeLater(() -> panel.onEvent(e));
        });
        frame = GuiActionRunner.execute(() -> {
            JFrame f = new JFrame("chat");
            f.setContentPane(panel);
            f.setSize(640, 420);
            f.setVisible(true);
            return f;
        });
        UiTesting.awaitActive(frame);
    }

    @AfterEach
    void tearDown() {
        if (frame != null) {
            GuiActionRunner.execute(frame::dispose);
        }
        engine.close();
        crypto.shutdownNow();
    }

    private static void until(String what, Supplier<Boolean> test) {
        UiTesting.until(what, test, WAIT_MILLIS);
    }

    private void type(String text) {
        GuiActionRunner.execute(() -> {
            JTextField input = UiTesting.find(panel, "input", JTextField.class);
            input.setText(text);
            input.postActionEvent();
        });
    }

    private static JDialog dialog() {
        AtomicReference<JDialog> found = new AtomicReference<>();
        until("the send-in-clear question", () -> GuiActionRunner.execute(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof JDialog d && "sendInClearDialog".equals(d.getName()) && d.isShowing()) {
                    found.set(d);
                }
            }
            return found.get() != null;
        }));
        return found.get();
    }

    private boolean sentInClear(String text) {
        return events.stream().anyMatch(e -> e instanceof OtrAccountEvent.ChatMessage m && m.outgoing()
                && !m.encrypted() && m.text().equals(text));
    }

    @Test
    void aMessageThatCouldNotGoPrivatelyIsSentInClearOnlyWhenTheUserSaysSo() throws Exception {
        type("meet at noon");
        until("held", () -> events.stream().anyMatch(e -> e instanceof OtrAccountEvent.SendHeld));
        until("failed", () -> events.stream().anyMatch(e -> e instanceof OtrAccountEvent.SendFailed));
        JDialog ask = dialog();
        assertThat(GuiActionRunner.execute(() -> UiTesting.find(ask, "sendInClearText", JLabel.class).getText()))
                .contains("could not be sent privately").contains(BOB.toString()).doesNotContain("meet at noon");
        assertThat(sentInClear("meet at noon")).as("nothing in clear before the answer").isFalse();
        UiTesting.screenshot(ask, "send-in-clear-question");
        JButton clear = GuiActionRunner.execute(() -> UiTesting.find(ask, "sendInClear", JButton.class));
        SwingUtilities.invokeLater(clear::doClick);
        until("sent in clear", () -> sentInClear("meet at noon"));
        until("shown", () -> GuiActionRunner.execute(panel::transcriptText).contains("me: meet at noon"));
        assertThat(GuiActionRunner.execute(panel::transcriptText)).contains("You chose to send a message unencrypted");
    }

    @Test
    void dontSendKeepsTheTextAndSendsNothing() throws Exception {
        type("the door code");
        JDialog ask = dialog();
        JButton no = GuiActionRunner.execute(() -> UiTesting.find(ask, "dontSend", JButton.class));
        assertThat(GuiActionRunner.execute(() -> ask.getRootPane().getDefaultButton())).as("Enter is the safe answer")
                .isSameAs(no);
        SwingUtilities.invokeLater(no::doClick);
        until("text back in the input line", () -> GuiActionRunner.execute(
                () -> UiTesting.find(panel, "input", JTextField.class).getText()).equals("the door code"));
        assertThat(GuiActionRunner.execute(panel::transcriptText)).contains("The message was not sent");
        Thread.sleep(500);
        assertThat(sentInClear("the door code")).isFalse();
        assertThat(events).noneMatch(e -> e instanceof OtrAccountEvent.ChatMessage m && m.outgoing());
    }
}
