package dev.sotto.ui.theme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Remembers the theme in one small file ({@code theme=light|dark} and nothing else): it must be readable
 * before the vault is unlocked, and it reveals nothing about accounts, contacts or conversations
 * (DESIGN.md: nothing else is written to disk; the brief allows a look-and-feel preference file).
 */
public final class ThemePreference {
    public static final String FILE_NAME = "appearance.properties";
    private static final String KEY = "theme=";

    private final Path file;

    public ThemePreference(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The remembered theme, or light when none was remembered or the file is unreadable. */
    public Theme load() {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(KEY)) {
                    return "dark".equals(line.substring(KEY.length()).trim()) ? Theme.DARK : Theme.LIGHT;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Missing or unreadable: fall back to the default; a theme is not worth an error dialog.
        }
        return Theme.LIGHT;
    }

    /** Stores the theme, replacing the file atomically so a crash leaves the old or the new one. */
    public void store(Theme theme) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(tmp, KEY + theme.name().toLowerCase(java.util.Locale.ROOT) + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
