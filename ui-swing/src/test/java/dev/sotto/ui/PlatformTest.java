package dev.sotto.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected paths come from the XDG Base Directory Specification and the platforms' documented folders. */
class PlatformTest {
    private static final Path HOME = Path.of("/home/alice");

    @Test
    void linuxDefaultsToLocalShare() {
        Platform linux = new Platform("Linux", Map.of(), HOME);
        assertThat(linux.defaultVault()).isEqualTo(Path.of("/home/alice/.local/share/sotto"));
        assertThat(linux.preferencesDir()).isEqualTo(Path.of("/home/alice/.config/sotto"));
    }

    @Test
    void linuxHonoursXdgDataHomeAndConfigHome() {
        Platform linux = new Platform("Linux", Map.of("XDG_DATA_HOME", "/data/x", "XDG_CONFIG_HOME", "/cfg"), HOME);
        assertThat(linux.defaultVault()).isEqualTo(Path.of("/data/x/sotto"));
        assertThat(linux.preferencesDir()).isEqualTo(Path.of("/cfg/sotto"));
    }

    @Test
    void relativeXdgValuesAreIgnoredAsTheSpecificationSays() {
        Platform linux = new Platform("Linux", Map.of("XDG_DATA_HOME", "relative/dir", "XDG_CONFIG_HOME", ""), HOME);
        assertThat(linux.defaultVault()).isEqualTo(Path.of("/home/alice/.local/share/sotto"));
        assertThat(linux.preferencesDir()).isEqualTo(Path.of("/home/alice/.config/sotto"));
    }

    @Test
    void macUsesApplicationSupport() {
        Platform mac = new Platform("Mac OS X", Map.of("XDG_DATA_HOME", "/ignored"), HOME);
        assertThat(mac.defaultVault()).isEqualTo(Path.of("/home/alice/Library/Application Support/Sotto"));
    }

    @Test
    void windowsUsesAppData() {
        Platform windows = new Platform("Windows 11", Map.of("APPDATA", "/c/Users/alice/AppData/Roaming"), HOME);
        assertThat(windows.defaultVault()).isEqualTo(Path.of("/c/Users/alice/AppData/Roaming/Sotto"));
    }
}
