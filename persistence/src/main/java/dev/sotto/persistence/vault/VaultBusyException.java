package dev.sotto.persistence.vault;

/** Another process holds this vault open for writing (DESIGN.md: one process per vault). */
public final class VaultBusyException extends VaultException {
    private static final long serialVersionUID = 1L;

    public VaultBusyException() {
        super("vault is in use by another process");
    }
}
