package dev.sotto.app;

/**
 * Opens the desktop window. An interface (not a direct call) so that {@link Main} names no Swing
 * type and tests can check the no-subcommand path without a display.
 */
@FunctionalInterface
public interface DesktopLauncher {

    /**
     * Shows the window and returns once it is visible.
     *
     * @return {@code false} when there is no display to show it on
     */
    boolean open(DesktopOptions options);
}
