package dev.sotto.persistence.vault;

/** The key ring file is damaged or not a key ring: bad magic, bad checksum, out-of-bounds fields. */
public final class KeyRingCorruptException extends VaultException {
    private static final long serialVersionUID = 1L;

    public KeyRingCorruptException(String condition) {
        super("key ring damaged: " + condition);
    }
}
