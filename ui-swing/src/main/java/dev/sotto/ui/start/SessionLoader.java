package dev.sotto.ui.start;

import java.io.IOException;

/**
 * What runs once the passphrase is entered, off the event dispatch thread: opening the vault (through the given
 * {@link VaultOpener}, with the loader's replay consumer so the log is read once) and folding the log into the
 * view models (DESIGN.md: projections are folds). If it fails after the vault opened, the caller closes the vault.
 */
@FunctionalInterface
public interface SessionLoader<S> {
    S load(VaultOpener vault, Progress progress) throws IOException;
}
