package dev.sotto.app;

import java.nio.file.Path;

/**
 * What the command line says about the desktop window. Free of Swing types, like {@link Main}.
 *
 * @param dark  {@code --dark} was given (otherwise the remembered theme is used)
 * @param vault the {@code --vault DIR} override, or {@code null} for the platform default
 */
public record DesktopOptions(boolean dark, Path vault) {}
