package dev.sotto.app;

import dev.sotto.ui.SottoFrame;
import dev.sotto.ui.UiConfig;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import javax.swing.SwingUtilities;

/**
 * The desktop window. This is the only class the launcher reaches Swing through, so that the
 * subcommands never load AWT; it is called only when {@code sotto} runs without a subcommand.
 */
public final class DesktopWindow {

  private DesktopWindow() {}

  /**
   * Builds and shows the window on the event dispatch thread and waits until it is visible.
   *
   * @return {@code false} without a display (headless JVM, DISPLAY unset)
   */
  static boolean open(DesktopOptions options) {
    if (GraphicsEnvironment.isHeadless()) {
      return false;
    }
    UiConfig config = UiConfig.forUser(options.vault(), options.dark());
    try {
      SwingUtilities.invokeAndWait(
          () -> {
            SottoFrame frame = SottoFrame.build(config);
            frame.setLocationRelativeTo(null);
            frame.setVisible(true);
            // The JVM ends when the window is closed and the vault is closed after it.
            frame.closed().whenComplete((ok, failure) -> System.exit(failure == null ? 0 : 1));
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening the window", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("could not open the window", cause);
    }
    return true;
  }
}
