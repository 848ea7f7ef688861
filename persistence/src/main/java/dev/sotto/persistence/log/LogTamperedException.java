package dev.sotto.persistence.log;

import dev.sotto.persistence.vault.VaultException;

/** The log fails authentication at a position: altered, removed, reordered, duplicated or truncated records. */
public final class LogTamperedException extends VaultException {
    private static final long serialVersionUID = 1L;
    private final long position;
    private final String condition;

    public LogTamperedException(long position, String condition) {
        super("log tampering detected at position " + position + ": " + condition);
        this.position = position;
        this.condition = condition;
    }

    public long position() {
        return position;
    }

    public String condition() {
        return condition;
    }
}
