package dev.sotto.ui;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Component;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.image.ScreenshotTaker;

/** What every UI test shares: the display check (as in DesktopWindowIT) and screenshots for reviewers. */
public final class UiTesting {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private UiTesting() {}

    /**
     * Without a display: fails when {@code SOTTO_REQUIRE_PEERS=1} (CI must never pass silently without Xvfb),
     * skips otherwise, so plain {@code mvn verify} without X keeps working.
     */
    public static void requireDisplay() {
        boolean headless = GraphicsEnvironment.isHeadless();
        if (headless && "1".equals(System.getenv("SOTTO_REQUIRE_PEERS"))) {
            fail("no display (DISPLAY=%s) but SOTTO_REQUIRE_PEERS=1: run the build under xvfb-run -a",
                    System.getenv("DISPLAY"));
        }
        assumeTrue(!headless, "no display: run under xvfb-run -a to include the UI tests");
        FailOnThreadViolationRepaintManager.install();
    }

    /**
     * Clicks a menu item by name once the window has the focus: under Xvfb without a window manager a menu
     * clicked before the frame is active may never open its pop-up.
     */
    public static void clickMenuItem(org.assertj.swing.fixture.FrameFixture window, String name) {
        // Under Xvfb without a window manager the View menu's pop-up sometimes never opens for the robot (seen
        // in CI on a frame reopened after another was disposed, even with retries), so the item is activated
        // as a user's click on it would be: doClick() on the EDT fires the same action listeners. The menu
        // item must exist, be showing in the menu bar's menu and be enabled.
        awaitActive(window.target());
        window.robot().waitForIdle();
        javax.swing.JMenuItem item = window.menuItem(name).requireEnabled().target();
        org.assertj.swing.edt.GuiActionRunner.execute(() -> item.doClick());
        window.robot().waitForIdle();
    }

    /**
     * A fixture for {@code frame}, shown and active. Under Xvfb there is no window manager: a frame shown after
     * another was disposed is not always activated, and the first click into an inactive frame can be lost, so
     * this waits until the frame has the focus (asking again while it has not).
     */
    public static org.assertj.swing.fixture.FrameFixture show(java.awt.Frame frame) {
        org.assertj.swing.fixture.FrameFixture fixture = new org.assertj.swing.fixture.FrameFixture(frame);
        fixture.show();
        awaitActive(frame);
        return fixture;
    }

    /** Waits until {@code window} is the focused window, asking for it meanwhile. */
    public static void awaitActive(java.awt.Window window) {
        org.assertj.swing.timing.Pause.pause(new org.assertj.swing.timing.Condition("window focused") {
            @Override
            public boolean test() {
                return org.assertj.swing.edt.GuiActionRunner.execute(() -> {
                    if (window.isFocused()) {
                        return true;
                    }
                    window.toFront();
                    window.requestFocus();
                    return false;
                });
            }
        }, org.assertj.swing.timing.Timeout.timeout(10_000));
    }

    /** Waits (polling) until {@code test} holds, at most {@code millis}; fails naming {@code what} otherwise. */
    public static void until(String what, java.util.function.Supplier<Boolean> test, long millis) {
        org.assertj.swing.timing.Pause.pause(new org.assertj.swing.timing.Condition(what) {
            @Override
            public boolean test() {
                return test.get();
            }
        }, org.assertj.swing.timing.Timeout.timeout(millis));
    }

    /** Saves what is on screen of {@code component} to {@code target/screenshots/<name>.png}. */
    public static void screenshot(Component component, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            BufferedImage image = new ScreenshotTaker().takeScreenshotOf(component);
            ImageIO.write(image, "png", SCREENSHOTS.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The component named {@code name} of type {@code type} inside {@code root}, or null (call on the EDT). */
    public static <T extends Component> T find(java.awt.Container root, String name, Class<T> type) {
        for (Component c : root.getComponents()) {
            if (name.equals(c.getName()) && type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof java.awt.Container k) {
                T t = find(k, name, type);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
