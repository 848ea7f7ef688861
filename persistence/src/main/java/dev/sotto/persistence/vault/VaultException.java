package dev.sotto.persistence.vault;

import java.io.IOException;

/**
 * Base of every failure the vault reports about its own files. Messages name a condition and, where
 * it helps, a position; they never carry key material, passphrases or record contents.
 */
public class VaultException extends IOException {
    private static final long serialVersionUID = 1L;

    public VaultException(String message) {
        super(message);
    }

    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
