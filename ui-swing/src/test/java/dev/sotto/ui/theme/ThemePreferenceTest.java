package dev.sotto.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThemePreferenceTest {
    @TempDir
    Path dir;

    @Test
    void defaultsToLightAndRemembersTheChoice() throws IOException {
        ThemePreference preference = new ThemePreference(dir.resolve("cfg"));
        assertThat(preference.load()).isEqualTo(Theme.LIGHT);
        preference.store(Theme.DARK);
        assertThat(new ThemePreference(dir.resolve("cfg")).load()).isEqualTo(Theme.DARK);
        preference.store(Theme.LIGHT);
        assertThat(preference.load()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void theFileHoldsTheThemeAndNothingElse() throws IOException {
        ThemePreference preference = new ThemePreference(dir);
        preference.store(Theme.DARK);
        assertThat(Files.readString(preference.file())).isEqualTo("theme=dark\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(preference.file());
        }
    }

    @Test
    void garbageReadsAsLight() throws IOException {
        Files.writeString(dir.resolve(ThemePreference.FILE_NAME), "\u0000\u00ffnonsense");
        assertThat(new ThemePreference(dir).load()).isEqualTo(Theme.LIGHT);
    }
}
