package dev.sotto.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.ui.UiTesting;
import dev.sotto.ui.theme.Theme;
import java.awt.Window;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JTextArea;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The untrusted-certificate prompt's three answers reach the engine as they should (issue 10; DESIGN.md, Reconnects
 * and downgrades): "accept once" is the transient {@code CertificateAcceptedOnce} and no pin, "always" is the
 * durable pin, "reject" changes nothing. The prompt is raised by the event the engine publishes when a server's
 * certificate is refused; no server is needed (the engine side against Prosody is CertificateDecisionIT).
 */
class CertificatePromptIT {
    private static final Jid ALICE = Jid.parse("alice@example.invalid");
    private static final String SHA = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
            + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
    private static final Timeout WAIT = Timeout.timeout(30_000);

    private FrameFixture window;
    private SottoEngine engine;

    @BeforeAll
    static void display() {
        UiTesting.requireDisplay();
    }

    @AfterEach
    void cleanUp() {
        if (window != null) {
            window.cleanUp();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static void until(String what, java.util.function.Supplier<Boolean> test) {
        Pause.pause(new Condition(what) {
            @Override
            public boolean test() {
                return test.get();
            }
        }, WAIT);
    }

    /** Raises the prompt as the engine's event would, and answers it with the button named {@code answer}. */
    private void answer(MainPanel panel, String answer, String screenshot) {
        GuiActionRunner.execute(() -> panel.onEvent(new XmppEvent.CertificateUntrusted(ALICE, SHA, "self-signed")));
        AtomicReference<JDialog> prompt = new AtomicReference<>();
        until("certificate prompt", () -> GuiActionRunner.execute(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof JDialog d && "certificatePrompt".equals(d.getName()) && d.isShowing()) {
                    prompt.set(d);
                }
            }
            return prompt.get() != null;
        }));
        JDialog d = prompt.get();
        JTextArea fingerprint = (JTextArea) find(d, "fingerprint");
        assertThat(GuiActionRunner.execute(() -> {
            return fingerprint.getText();
        }).replace("\n", "")).isEqualTo(SHA);
        if (screenshot != null) {
            UiTesting.screenshot(d, screenshot);
        }
        AbstractButton button = (AbstractButton) find(d, answer);
        assertThat(GuiActionRunner.execute(button::isEnabled)).as(answer + " enabled").isTrue();
        // Modal: pressed later on the event dispatch thread, as a click would press it.
        javax.swing.SwingUtilities.invokeLater(button::doClick);
        until("prompt closed", () -> GuiActionRunner.execute(() -> !d.isShowing()));
    }

    private static java.awt.Component find(java.awt.Container root, String name) {
        return GuiActionRunner.execute(() -> findIn(root, name));
    }

    private static java.awt.Component findIn(java.awt.Container root, String name) {
        for (java.awt.Component c : root.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof java.awt.Container k) {
                java.awt.Component f = findIn(k, name);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    @Test
    void onceIsAnEventNotAPinAlwaysPinsRejectChangesNothing() throws Exception {
        engine = SottoEngine.inMemory(EngineOptions.defaults().withEventLoopThreads(1));
        // A host where nothing listens: the connects the prompt triggers fail harmlessly.
        engine.addAccount(ALICE, Secret.ofUtf8("pw"), "127.0.0.1", 1, TlsPolicy.REQUIRED, null).get(10, TimeUnit.SECONDS);
        List<Object> events = new CopyOnWriteArrayList<>();
        engine.subscribe(events::add);
        GuiActionRunner.execute(() -> {
            Theme.LIGHT.install();
            return null;
        });
        MainPanel panel = GuiActionRunner.execute(() -> new MainPanel(engine, c -> { }));
        JFrame frame = GuiActionRunner.execute(() -> {
            JFrame f = new JFrame("certificate prompt test");
            f.setContentPane(panel);
            f.setSize(700, 450);
            return f;
        });
        window = UiTesting.show(frame);

        answer(panel, "reject", "certificate-prompt");
        window.robot().waitForIdle();
        assertThat(engine.state().accounts().get(ALICE).pinnedSha256()).isEmpty();
        assertThat(events).noneMatch(e -> e instanceof XmppEvent.CertificateAcceptedOnce
                || e instanceof AccountEvent.CertificatePinned);

        answer(panel, "acceptOnce", null);
        until("accepted once", () -> events.stream().anyMatch(e -> e instanceof XmppEvent.CertificateAcceptedOnce));
        assertThat(events).filteredOn(e -> e instanceof XmppEvent.CertificateAcceptedOnce).singleElement()
                .isEqualTo(new XmppEvent.CertificateAcceptedOnce(ALICE, SHA));
        assertThat(engine.state().accounts().get(ALICE).pinnedSha256()).as("once is not a pin").isEmpty();
        assertThat(events).noneMatch(e -> e instanceof AccountEvent.CertificatePinned);

        answer(panel, "acceptAlways", null);
        // The bus delivers after the fold: wait for the event itself, then the state holds the pin.
        until("pinned", () -> events.stream().anyMatch(e -> e instanceof AccountEvent.CertificatePinned));
        assertThat(engine.state().accounts().get(ALICE).pinnedSha256()).containsExactly(SHA);
        assertThat(events).filteredOn(e -> e instanceof AccountEvent.CertificatePinned).singleElement()
                .isEqualTo(new AccountEvent.CertificatePinned(ALICE, SHA));
    }
}
