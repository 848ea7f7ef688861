package dev.sotto.persistence.vault;

import dev.sotto.persistence.log.EventLog;
import dev.sotto.persistence.log.LogRecord;
import dev.sotto.persistence.proto.KeyRingHeader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * A vault directory: {@code keyring.bin} (keys sealed under the passphrase), {@code log/} (the Chronicle
 * queue of encrypted records) and {@code vault.lock} (an empty file locked by the one process that has
 * the vault open for writing).
 *
 * <p>Unlock order (DESIGN.md, The log): key ring, then key, then queue, so a wrong passphrase touches
 * nothing. {@link #openReadOnly} takes a shared lock and never opens the queue for writing.
 */
public final class Vault implements AutoCloseable {
    public static final String LOG_DIR = "log";
    public static final String LOCK_FILE = "vault.lock";

    private final Path dir;
    private final KeyRingStore store;
    private final EventLog log;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Vault(Path dir, KeyRingStore store, EventLog log, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.store = store;
        this.log = log;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates a vault with the default (64 MiB, t=3) Argon2id parameters. */
    public static Vault create(Path dir, char[] passphrase) throws IOException {
        return create(dir, passphrase, KdfParams.DEFAULT, new SecureRandom(), Clock.systemUTC());
    }

    public static Vault create(Path dir, char[] passphrase, KdfParams kdf) throws IOException {
        return create(dir, passphrase, kdf, new SecureRandom(), Clock.systemUTC());
    }

    public static Vault create(Path dir, char[] passphrase, KdfParams kdf, SecureRandom random, Clock clock) throws IOException {
        return create(dir, passphrase, kdf, random, clock, KeyRing.CURRENT_LOG_FORMAT);
    }

    /**
     * Creates a vault whose log writes record format {@code logFormat}. Only compatibility tests and benchmarks pass
     * 1 or 2: a vault made before format 3 existed must keep opening, verifying and appending.
     */
    public static Vault createWithLogFormat(Path dir, char[] passphrase, KdfParams kdf, int logFormat) throws IOException {
        return create(dir, passphrase, kdf, new SecureRandom(), Clock.systemUTC(), logFormat);
    }

    private static Vault create(Path dir, char[] passphrase, KdfParams kdf, SecureRandom random, Clock clock, int logFormat)
            throws IOException {
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(KeyRingFile.FILE_NAME)) || Files.exists(dir.resolve(LOG_DIR))) {
            throw new VaultException("a vault already exists here");
        }
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(lockChannel, false);
        try {
            byte[] salt = Crypto.randomBytes(random, KeyRingFile.SALT_BYTES);
            byte[] vaultId = Crypto.randomBytes(random, 16);
            byte[] kek = Crypto.argon2id(passphrase, salt, kdf);
            KeyRingHeader header = KeyRingFile.header(kdf, salt, vaultId, Crypto.randomBytes(random, Crypto.NONCE_BYTES));
            KeyRingStore store = new KeyRingStore(dir, KeyRing.createNew(random, logFormat), header, kek, random);
            store.persist();
            EventLog log = EventLog.open(dir.resolve(LOG_DIR), store, false, clock);
            return new Vault(dir, store, log, lockChannel, lock);
        } catch (IOException | RuntimeException e) {
            release(lockChannel, lock);
            throw e;
        }
    }

    public static Vault open(Path dir, char[] passphrase) throws IOException {
        return open(dir, passphrase, new SecureRandom(), Clock.systemUTC(), false);
    }

    /**
     * Opens for writing and replays the log in the same walk that authenticates it (see
     * {@link EventLog#open(Path, KeyRingStore, boolean, Clock, Consumer)}): {@code replay} has every readable
     * event when this returns, unless {@code log().replayedAtOpen(replay)} says otherwise.
     */
    public static Vault open(Path dir, char[] passphrase, Consumer<LogRecord> replay) throws IOException {
        return open(dir, passphrase, new SecureRandom(), Clock.systemUTC(), false, replay);
    }

    /** Opens for inspection only (`sotto log verify|stats`): nothing in the directory is written. */
    public static Vault openReadOnly(Path dir, char[] passphrase) throws IOException {
        return open(dir, passphrase, new SecureRandom(), Clock.systemUTC(), true);
    }

    public static Vault open(Path dir, char[] passphrase, SecureRandom random, Clock clock, boolean readOnly) throws IOException {
        return open(dir, passphrase, random, clock, readOnly, null);
    }

    /** As {@link #open(Path, char[], SecureRandom, Clock, boolean)}, replaying into {@code replay} (may be null). */
    public static Vault open(Path dir, char[] passphrase, SecureRandom random, Clock clock, boolean readOnly,
                             Consumer<LogRecord> replay) throws IOException {
        Path keyRingPath = dir.resolve(KeyRingFile.FILE_NAME);
        if (!Files.isRegularFile(keyRingPath)) {
            throw new VaultException("no vault here (key ring missing)");
        }
        FileChannel lockChannel = null;
        FileLock lock = null;
        if (!readOnly) {
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(lockChannel, false);
        }
        try {
            KeyRingFile.Sealed sealed = KeyRingFile.read(keyRingPath);
            byte[] kek = Crypto.argon2id(passphrase, sealed.header().getKdfSalt().toByteArray(), KeyRingFile.kdfParams(sealed));
            KeyRing ring;
            try {
                ring = KeyRingFile.unseal(sealed, kek, new Crypto());
            } catch (VaultException e) {
                Crypto.wipe(kek);
                throw e;
            }
            KeyRingStore store = new KeyRingStore(dir, ring, sealed.header(), kek, random);
            EventLog log;
            try {
                log = EventLog.open(dir.resolve(LOG_DIR), store, readOnly, clock, replay);
            } catch (IOException | RuntimeException e) {
                store.close();
                throw e;
            }
            return new Vault(dir, store, log, lockChannel, lock);
        } catch (IOException | RuntimeException e) {
            release(lockChannel, lock);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new VaultBusyException();
        }
        return lock;
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // Closing the channel releases the lock anyway; nothing else to do on a failure path.
        }
    }

    /**
     * Prepares, without touching any file, what opening a vault needs that depends on no vault (the log's classes,
     * Chronicle Queue, the JCE, Argon2's classes): a caller with time to spare (a start screen waiting for the
     * passphrase) runs it on its own thread so that the unlock does not pay it ({@link EventLog#warmUp}).
     */
    public static void warmUp() {
        EventLog.warmUp();
        try {
            new org.bouncycastle.crypto.generators.Argon2BytesGenerator();
        } catch (RuntimeException | LinkageError e) {
            // Best effort, as EventLog.warmUp.
        }
    }

    /**
     * The start-up's JIT warm-up of Argon2id (issue 10): in a fresh JVM the unlock's Argon2id (64 MiB, t=3) took
     * about 0.9 s instead of 0.25 s, its block function interpreted until the compilers caught up. This runs Argon2id
     * a few times on a constant, non-secret input with small parameters (a few MiB, no passphrase, no salt of any
     * vault) so that the block function is compiled before the user presses Unlock. The start screen runs it on its
     * warm-up thread while the passphrase is typed, until {@code stop} (Unlock pressed). About 0.1 s of one core;
     * touches no file.
     */
    public static void warmUpKdf(java.util.function.BooleanSupplier stop) {
        byte[] salt = new byte[KeyRingFile.SALT_BYTES];
        // Two passes: Argon2 version 0x13 XORs each block into the old one from the second pass on (RFC 9106
        // §3.2), a different block function than the first pass's; both must be compiled.
        KdfParams small = new KdfParams(KDF_WARM_UP_KIB, 2, 1);
        for (int i = 0; i < KDF_WARM_UP_RUNS && !stop.getAsBoolean(); i++) {
            Crypto.wipe(Crypto.argon2id(KDF_WARM_UP_INPUT.clone(), salt, small));
        }
    }

    /** {@link #warmUpKdf}: memory per run (KiB = 1 KiB blocks) and runs: about 20,000 block computations in all. */
    static final int KDF_WARM_UP_KIB = 2048;
    static final int KDF_WARM_UP_RUNS = 5;
    private static final char[] KDF_WARM_UP_INPUT = "sotto argon2id warm-up (not a passphrase)".toCharArray();

    public EventLog log() {
        return log;
    }

    public Path directory() {
        return dir;
    }

    /** Rewraps the key ring under a new passphrase; the log is not rewritten (README, security model). */
    public void changePassphrase(char[] oldPassphrase, char[] newPassphrase) throws IOException {
        changePassphrase(oldPassphrase, newPassphrase, KdfParams.DEFAULT);
    }

    public void changePassphrase(char[] oldPassphrase, char[] newPassphrase, KdfParams kdf) throws IOException {
        if (log.isReadOnly()) {
            throw new IllegalStateException("vault opened read-only");
        }
        store.changePassphrase(oldPassphrase, newPassphrase, kdf);
    }

    @Override
    public void close() throws IOException {
        try {
            log.close();
        } finally {
            store.close();
            release(lockChannel, lock);
        }
    }

    @Override
    public String toString() {
        return "Vault[" + (log.isReadOnly() ? "read-only" : "read-write") + "]";
    }
}
