package dev.sotto.persistence.vault;

import dev.sotto.persistence.proto.KeyRingHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Owns the unsealed {@link KeyRing}, the key-encryption key derived from the passphrase and the clear
 * header, and writes the ring back to disk whenever it changes. Holding the KEK in memory while the vault
 * is open lets stream keys and anchors be persisted without running Argon2 again; it is wiped on close.
 */
public final class KeyRingStore {
    private final Path dir;
    private final KeyRing ring;
    private final SecureRandom random;
    private final Crypto crypto = new Crypto();
    private KeyRingHeader header;
    private byte[] kek;
    private boolean closed;

    KeyRingStore(Path dir, KeyRing ring, KeyRingHeader header, byte[] kek, SecureRandom random) {
        this.dir = dir;
        this.ring = ring;
        this.header = header;
        this.kek = kek;
        this.random = random;
    }

    public KeyRing ring() {
        return ring;
    }

    public SecureRandom random() {
        return random;
    }

    /** The vault's random id; it seeds the log's genesis chain value so two vaults' logs never chain alike. */
    public synchronized byte[] vaultId() {
        return header.getVaultId().toByteArray();
    }

    /** Re-seals the current ring under a fresh nonce and replaces the file atomically. */
    public synchronized void persist() throws IOException {
        if (closed) {
            throw new IllegalStateException("vault is closed");
        }
        header = header.toBuilder()
                .setNonce(com.google.protobuf.ByteString.copyFrom(Crypto.randomBytes(random, Crypto.NONCE_BYTES)))
                .build();
        KeyRingFile.write(dir, header, ring, kek, crypto);
    }

    /**
     * Rewraps the ring under a new passphrase (new salt, new KEK). Only the key ring file changes: the log
     * is untouched. The old passphrase is checked by deriving its key again.
     */
    public synchronized void changePassphrase(char[] oldPassphrase, char[] newPassphrase, KdfParams kdf) throws IOException {
        KdfParams current = new KdfParams(header.getKdfMemoryKib(), header.getKdfIterations(), header.getKdfParallelism());
        byte[] check = Crypto.argon2id(oldPassphrase, header.getKdfSalt().toByteArray(), current);
        try {
            if (!MessageDigest.isEqual(check, kek)) {
                throw new WrongPassphraseException();
            }
        } finally {
            Crypto.wipe(check);
        }
        byte[] salt = Crypto.randomBytes(random, KeyRingFile.SALT_BYTES);
        byte[] newKek = Crypto.argon2id(newPassphrase, salt, kdf);
        KeyRingHeader newHeader = KeyRingFile.header(kdf, salt, header.getVaultId().toByteArray(),
                Crypto.randomBytes(random, Crypto.NONCE_BYTES));
        KeyRingFile.write(dir, newHeader, ring, newKek, crypto);
        Crypto.wipe(kek);
        kek = newKek;
        header = newHeader;
    }

    synchronized void close() {
        closed = true;
        Crypto.wipe(kek);
        ring.wipe();
    }

    @Override
    public String toString() {
        return "KeyRingStore[" + ring + "]";
    }
}
