package dev.sotto.persistence.vault;

/**
 * The key ring is intact (its checksum matches) but the passphrase does not open it. Nothing on disk
 * has been touched when this is thrown: the unlock order is key ring, then key, then queue.
 */
public final class WrongPassphraseException extends VaultException {
    private static final long serialVersionUID = 1L;

    public WrongPassphraseException() {
        super("wrong passphrase");
    }
}
