package dev.sotto.ui;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Sotto keeps its files on this platform, computed from the OS name, the environment and the home
 * directory (passed in, so every platform's rule is testable anywhere).
 *
 * <p>Linux and other Unix: the XDG Base Directory Specification ({@code $XDG_DATA_HOME}, default
 * {@code ~/.local/share}; {@code $XDG_CONFIG_HOME}, default {@code ~/.config}); a relative value is invalid
 * there and ignored. macOS: {@code ~/Library/Application Support/Sotto}. Windows: {@code %APPDATA%\Sotto}.
 */
public final class Platform {
    private final String osName;
    private final Map<String, String> env;
    private final Path home;

    public Platform(String osName, Map<String, String> env, Path home) {
        this.osName = osName.toLowerCase(java.util.Locale.ROOT);
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /** This JVM's platform. */
    public static Platform current() {
        return new Platform(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The default vault directory. */
    public Path defaultVault() {
        if (isWindows()) {
            return windowsAppData().resolve("Sotto");
        }
        if (isMac()) {
            return home.resolve("Library").resolve("Application Support").resolve("Sotto");
        }
        return xdg("XDG_DATA_HOME", home.resolve(".local").resolve("share")).resolve("sotto");
    }

    /**
     * Where the look-and-feel preference lives: outside the vault because it is needed before the unlock,
     * and it holds nothing but the theme name.
     */
    public Path preferencesDir() {
        if (isWindows()) {
            return windowsAppData().resolve("Sotto");
        }
        if (isMac()) {
            return home.resolve("Library").resolve("Preferences").resolve("Sotto");
        }
        return xdg("XDG_CONFIG_HOME", home.resolve(".config")).resolve("sotto");
    }

    private boolean isWindows() {
        return osName.startsWith("windows");
    }

    private boolean isMac() {
        return osName.startsWith("mac") || osName.startsWith("darwin");
    }

    private Path windowsAppData() {
        String appData = env.get("APPDATA");
        return appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
    }

    /** XDG Base Directory Specification: "If an implementation encounters a relative path ... it should ignore it." */
    private Path xdg(String variable, Path fallback) {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path : fallback;
    }
}
