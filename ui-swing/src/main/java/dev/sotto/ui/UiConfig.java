package dev.sotto.ui;

import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.ui.theme.Theme;
import java.nio.file.Path;

/**
 * How the desktop client starts.
 *
 * @param vaultDir       the vault directory ({@code --vault DIR} or the platform default)
 * @param preferencesDir where the look-and-feel preference lives
 * @param newVaultKdf    Argon2id parameters for a vault created on first run ({@link KdfParams#DEFAULT} for users)
 * @param themeOverride  a theme from the command line ({@code --dark}), or {@code null} for the remembered one
 */
public record UiConfig(Path vaultDir, Path preferencesDir, KdfParams newVaultKdf, Theme themeOverride) {

    /** The configuration for a user's run on this platform. */
    public static UiConfig forUser(Path vaultOverride, boolean dark) {
        Platform platform = Platform.current();
        return new UiConfig(vaultOverride != null ? vaultOverride : platform.defaultVault(), platform.preferencesDir(),
                KdfParams.DEFAULT, dark ? Theme.DARK : null);
    }
}
