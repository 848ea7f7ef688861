package dev.sotto.app;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * The desktop window. This is the only class the launcher reaches Swing through, so that the
 * subcommands never load AWT; it is called only when {@code sotto} runs without a subcommand.
 */
public final class DesktopWindow {

  /** Component name of the placeholder label, for UI tests. */
  public static final String PLACEHOLDER_NAME = "placeholder";

  /** Shown until the vault unlock view exists. */
  public static final String PLACEHOLDER_TEXT = "Sotto \u2014 no vault unlocked yet";

  private DesktopWindow() {}

  /**
   * Builds and shows the window on the event dispatch thread and waits until it is visible.
   *
   * @return {@code false} without a display (headless JVM, DISPLAY unset)
   */
  static boolean open(boolean dark) {
    if (GraphicsEnvironment.isHeadless()) {
      return false;
    }
    try {
      SwingUtilities.invokeAndWait(
          () -> {
            JFrame frame = build(dark);
            frame.setLocationRelativeTo(null);
            frame.setVisible(true);
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

  /**
   * Installs the look and feel and builds the (not yet visible) frame. Must run on the event
   * dispatch thread; public for UI tests, which show it through their own robot.
   */
  public static JFrame build(boolean dark) {
    if (!SwingUtilities.isEventDispatchThread()) {
      throw new IllegalStateException("DesktopWindow.build must run on the event dispatch thread");
    }
    // FlatLaf must be installed before the first component is created.
    if (dark) {
      FlatDarkLaf.setup();
    } else {
      FlatLightLaf.setup();
    }
    JFrame frame = new JFrame("Sotto");
    // Dispose, not exit: a later issue hooks a clean engine shutdown (log sync) to windowClosed, and
    // UI tests must be able to close the window without ending their JVM.
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    JLabel placeholder = new JLabel(PLACEHOLDER_TEXT, SwingConstants.CENTER);
    placeholder.setName(PLACEHOLDER_NAME);
    frame.getContentPane().add(placeholder);
    frame.setMinimumSize(new Dimension(480, 320));
    frame.setSize(900, 600);
    return frame;
  }
}
