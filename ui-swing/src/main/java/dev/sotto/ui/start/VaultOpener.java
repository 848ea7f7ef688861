package dev.sotto.ui.start;

import dev.sotto.persistence.log.LogRecord;
import dev.sotto.persistence.vault.Vault;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Opens (or creates) the vault the start screen was given the passphrase for. A {@link SessionLoader} calls it
 * once, with the consumer that folds the log, so that the log's open walk is also its replay (one pass that
 * authenticates and decrypts every record, issue 10's start-up figure).
 */
@FunctionalInterface
public interface VaultOpener {
    /**
     * @param replay gets every readable event of the log during the open walk, or {@code null}
     */
    Vault open(Consumer<LogRecord> replay) throws IOException;
}
