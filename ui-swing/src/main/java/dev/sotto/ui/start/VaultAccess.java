package dev.sotto.ui.start;

import dev.sotto.persistence.log.LogRecord;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.KeyRingFile;
import dev.sotto.persistence.vault.Vault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Creates or opens the vault for the start screen. Every passphrase array handed in is zeroed before
 * these methods return, whatever happens (DESIGN.md, Secrets: passphrases are char[], zeroed after use).
 */
public final class VaultAccess {
    private VaultAccess() {}

    /** Whether {@code dir} holds a vault (its key ring), i.e. whether to unlock rather than create. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(KeyRingFile.FILE_NAME));
    }

    /**
     * Creates a vault. The two entries must match and be acceptable ({@link PassphraseStrength}); the
     * checks run here too so that no caller can skip them.
     */
    public static Vault create(Path dir, char[] passphrase, char[] repeat, KdfParams kdf) throws IOException {
        try {
            if (!Arrays.equals(passphrase, repeat)) {
                throw new IllegalArgumentException("the two passphrases differ");
            }
            if (!PassphraseStrength.of(passphrase).acceptable()) {
                throw new IllegalArgumentException(PassphraseStrength.TOO_SHORT.hint());
            }
            return Vault.create(dir, passphrase, kdf);
        } finally {
            Arrays.fill(passphrase, '\0');
            Arrays.fill(repeat, '\0');
        }
    }

    /** Opens an existing vault; a wrong passphrase throws before anything on disk is touched. */
    public static Vault open(Path dir, char[] passphrase) throws IOException {
        return open(dir, passphrase, null);
    }

    /** Opens an existing vault, replaying its log into {@code replay} during the open walk (may be null). */
    public static Vault open(Path dir, char[] passphrase, Consumer<LogRecord> replay) throws IOException {
        try {
            return Vault.open(dir, passphrase, replay);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }
}
