package dev.sotto.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.ui.Session;
import dev.sotto.ui.SottoFrame;
import dev.sotto.ui.UiConfig;
import dev.sotto.ui.UiTesting;
import dev.sotto.ui.start.StartPanel;
import dev.sotto.ui.theme.Theme;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History in a real window: replayed from the log after a restart, searched per conversation, and forgotten
 * (crypto-shredded) behind a confirmation, gone after the next restart while other conversations stay.
 * The messages are recorded through the engine facade as received ones (no server needed).
 */
class HistoryIT {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Jid ALICE = Jid.parse("alice@example.invalid");
    private static final Jid BOB = Jid.parse("bob@example.invalid");
    private static final Jid CAROL = Jid.parse("carol@example.invalid");

    @TempDir
    Path tmp;

    private FrameFixture window;

    @BeforeAll
    static void display() {
        UiTesting.requireDisplay();
    }

    @AfterEach
    void cleanUp() {
        if (window != null) {
            window.cleanUp();
        }
    }

    private SottoFrame open() {
        UiConfig config = new UiConfig(tmp.resolve("vault"), tmp.resolve("prefs"), KdfParams.forTests(), Theme.LIGHT);
        SottoFrame frame = GuiActionRunner.execute(() -> SottoFrame.build(config));
        window = UiTesting.show(frame);
        return frame;
    }

    private Session unlock(SottoFrame frame, boolean create) throws Exception {
        window.textBox(StartPanel.PASSPHRASE).enterText(PASSPHRASE);
        if (create) {
            window.textBox(StartPanel.REPEAT).enterText(PASSPHRASE);
            window.textBox(StartPanel.REPEAT).pressAndReleaseKeys(KeyEvent.VK_ENTER);
        } else {
            window.textBox(StartPanel.PASSPHRASE).pressAndReleaseKeys(KeyEvent.VK_ENTER);
        }
        return frame.session().get(20, TimeUnit.SECONDS);
    }

    private void restart(SottoFrame frame) throws Exception {
        window.cleanUp();
        window = null;
        frame.closed().get(20, TimeUnit.SECONDS);
    }

    private static void received(SottoEngine engine, Jid from, String id, String body) throws Exception {
        engine.record(new XmppEvent.MessageReceived(ALICE, Jid.parse(from + "/phone"), id, null, "chat", body))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void historyIsReplayedSearchedAndForgottenForGood() throws Exception {
        SottoFrame frame = open();
        SottoEngine engine = unlock(frame, true).engine();
        engine.addAccount(ALICE, Secret.ofUtf8("pw"), "127.0.0.1", 1, TlsPolicy.REQUIRED, null).get(10, TimeUnit.SECONDS);
        received(engine, BOB, "b1", "the meeting is at noon");
        received(engine, BOB, "b2", "bring the Noon report");
        received(engine, BOB, "b3", "see you");
        received(engine, CAROL, "c1", "carol keeps this");
        restart(frame);

        frame = open();
        unlock(frame, false);
        SottoFrame second = frame;
        Conversation withBob = new Conversation(ALICE, BOB);
        ChatPanel bob = GuiActionRunner.execute(() -> second.chatWindow().open(withBob));
        assertThat(GuiActionRunner.execute(bob::messageCount)).as("replayed from the log").isEqualTo(3);
        FrameFixture chat = new FrameFixture(window.robot(), GuiActionRunner.execute(second::chatWindow));
        UiTesting.awaitActive(chat.target());
        chat.textBox("search").enterText("noon");
        chat.label("searchResult").requireText("2 matches");
        UiTesting.screenshot(chat.target(), "chat-search");
        chat.textBox("search").deleteText().enterText("nothing like this");
        chat.label("searchResult").requireText("no match");

        chat.button("forget").click();
        // The confirmation: cancel first, nothing happens. Its buttons are pressed on the event dispatch thread: a
        // robot click right after a modal dialog appears was lost now and then on a loaded machine (the forget
        // then never happened and the wait below timed out).
        JButton cancel = chat.optionPane().requireWarningMessage().cancelButton().target();
        GuiActionRunner.execute(() -> cancel.doClick());
        assertThat(GuiActionRunner.execute(bob::messageCount)).isEqualTo(3);
        chat.button("forget").click();
        UiTesting.screenshot(chat.optionPane().target(), "forget-confirmation");
        JButton ok = chat.optionPane().okButton().target();
        GuiActionRunner.execute(() -> ok.doClick());
        window.robot().waitForIdle();
        org.assertj.swing.timing.Pause.pause(new org.assertj.swing.timing.Condition("transcript cleared") {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(bob::messageCount) == 0;
            }
        }, org.assertj.swing.timing.Timeout.timeout(10_000));
        assertThat(GuiActionRunner.execute(bob::transcriptText)).doesNotContain("noon")
                .contains("history was forgotten");
        restart(frame);

        frame = open();
        Session third = unlock(frame, false);
        assertThat(third.engine().state().history(ALICE, BOB)).as("shredded: unreadable after restart").isEmpty();
        assertThat(third.engine().state().history(ALICE, CAROL)).hasSize(1);
        SottoFrame last = frame;
        ChatPanel again = GuiActionRunner.execute(() -> last.chatWindow().open(withBob));
        assertThat(GuiActionRunner.execute(again::messageCount)).isZero();
        assertThat(GuiActionRunner.execute(again::transcriptText)).doesNotContain("noon", "see you");
        ChatPanel carol = GuiActionRunner.execute(() -> last.chatWindow().open(new Conversation(ALICE, CAROL)));
        assertThat(GuiActionRunner.execute(carol::transcriptText)).contains("carol keeps this");
    }

    /** Message bodies that no other one contains ("m-0005" is not inside "m-0050"). */
    private static String body(int i) {
        return String.format("m-%04d-x", i);
    }

    @Test
    void aLongConversationOpensOnItsNewestPageAndShowsTheRestOnRequestOrSearch() throws Exception {
        SottoFrame frame = open();
        SottoEngine engine = unlock(frame, true).engine();
        engine.addAccount(ALICE, Secret.ofUtf8("pw"), "127.0.0.1", 1, TlsPolicy.REQUIRED, null).get(10, TimeUnit.SECONDS);
        int total = ChatPanel.FIRST_PAGE + 37;
        for (int i = 0; i < total; i++) {
            received(engine, BOB, "b" + i, body(i));
        }
        for (int i = 0; i < ChatPanel.FIRST_PAGE + 1; i++) {
            received(engine, CAROL, "c" + i, body(i));
        }
        SottoFrame f = frame;
        ChatPanel bob = GuiActionRunner.execute(() -> f.chatWindow().open(new Conversation(ALICE, BOB)));
        FrameFixture chat = new FrameFixture(window.robot(), GuiActionRunner.execute(f::chatWindow));
        UiTesting.awaitActive(chat.target());
        assertThat(GuiActionRunner.execute(bob::messageCount)).isEqualTo(ChatPanel.FIRST_PAGE);
        String page = GuiActionRunner.execute(bob::transcriptText);
        assertThat(page).contains(body(37), body(total - 1)).doesNotContain(body(0), body(36));
        chat.button("showEarlier").requireVisible().requireText("Show 37 earlier messages");
        UiTesting.screenshot(chat.target(), "chat-earlier-button");

        JButton earlier = chat.button("showEarlier").target();
        GuiActionRunner.execute(() -> earlier.doClick());
        window.robot().waitForIdle();
        assertThat(GuiActionRunner.execute(bob::messageCount)).isEqualTo(total);
        String all = GuiActionRunner.execute(bob::transcriptText);
        for (int i = 1; i < total; i++) {
            assertThat(all.indexOf(body(i - 1))).as("message %d before %d", i - 1, i).isLessThan(all.indexOf(body(i)))
                    .isNotNegative();
        }
        assertThat(all.split("\n", -1)).as("one line per message, nothing doubled").hasSize(total + 1);
        JButton shown = window.robot().finder().findByName(chat.target(), "showEarlier", JButton.class, false);
        assertThat(GuiActionRunner.execute(shown::isVisible)).as("nothing earlier left to show").isFalse();

        // A search covers the whole conversation, also the part not shown yet.
        ChatPanel carol = GuiActionRunner.execute(() -> f.chatWindow().open(new Conversation(ALICE, CAROL)));
        assertThat(GuiActionRunner.execute(carol::messageCount)).isEqualTo(ChatPanel.FIRST_PAGE);
        assertThat(GuiActionRunner.execute(carol::transcriptText)).doesNotContain(body(0));
        chat.textBox(new org.assertj.swing.core.GenericTypeMatcher<javax.swing.JTextField>(javax.swing.JTextField.class) {
            @Override
            protected boolean isMatching(javax.swing.JTextField field) {
                return "search".equals(field.getName()) && field.isShowing();
            }
        }).enterText(body(0));
        assertThat(GuiActionRunner.execute(carol::messageCount)).isEqualTo(ChatPanel.FIRST_PAGE + 1);
        assertThat(GuiActionRunner.execute(carol::transcriptText)).startsWith("[").contains(body(0));
    }
}
