package dev.sotto.ui.start;

import dev.sotto.persistence.vault.Vault;
import java.io.IOException;

/**
 * What runs after the vault is open, still off the event dispatch thread: replaying the log into the
 * view models (DESIGN.md: projections are folds). Given the open vault; on failure the caller closes it.
 */
@FunctionalInterface
public interface SessionLoader<S> {
    S load(Vault vault, Progress progress) throws IOException;
}
