package dev.sotto.persistence.vault;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sotto.persistence.proto.KeyRingBody;
import dev.sotto.persistence.proto.KeyRingHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The key ring file: {@code magic(8) | u32 len | KeyRingHeader | u32 len | sealed KeyRingBody | SHA-256(32)}.
 *
 * <p>The header (KDF parameters, salt, nonce, vault id) is the AEAD's associated data, so it cannot be
 * altered without the passphrase. The trailing SHA-256 is not a security control (anyone can recompute
 * it); it tells a damaged file ({@link KeyRingCorruptException}) from a wrong passphrase before Argon2
 * runs. The file is replaced atomically: write a temporary file, fsync it, rename it over the old one,
 * fsync the directory.
 */
public final class KeyRingFile {
    public static final String FILE_NAME = "keyring.bin";
    static final byte[] MAGIC = "SOTTOKR\u0001".getBytes(StandardCharsets.ISO_8859_1);
    static final int FORMAT_VERSION = 1;
    static final int MAX_FILE_BYTES = 16 << 20;
    static final int SALT_BYTES = 16;

    /** A parsed but still sealed key ring. */
    public record Sealed(KeyRingHeader header, byte[] headerBytes, byte[] ciphertext) {
        @Override
        public String toString() {
            return "KeyRingFile.Sealed[v" + header.getFormatVersion() + "]";
        }
    }

    private KeyRingFile() {}

    public static Sealed read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new KeyRingCorruptException("file too large");
        }
        return parse(Files.readAllBytes(file));
    }

    /** Parses the outer layout and bounds every clear field. Throws only {@link KeyRingCorruptException}. */
    public static Sealed parse(byte[] file) throws KeyRingCorruptException {
        if (file.length < MAGIC.length + 8 + 32 || file.length > MAX_FILE_BYTES) {
            throw new KeyRingCorruptException("bad length");
        }
        if (!Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new KeyRingCorruptException("not a key ring");
        }
        int bodyEnd = file.length - 32;
        if (!MessageDigest.isEqual(sha256(file, 0, bodyEnd), Arrays.copyOfRange(file, bodyEnd, file.length))) {
            throw new KeyRingCorruptException("checksum mismatch");
        }
        ByteBuffer in = ByteBuffer.wrap(file, MAGIC.length, bodyEnd - MAGIC.length);
        byte[] headerBytes = lengthPrefixed(in);
        byte[] ciphertext = lengthPrefixed(in);
        if (in.hasRemaining()) {
            throw new KeyRingCorruptException("trailing bytes");
        }
        KeyRingHeader header;
        try {
            header = KeyRingHeader.parseFrom(headerBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new KeyRingCorruptException("header encoding");
        }
        if (header.getFormatVersion() != FORMAT_VERSION) {
            throw new KeyRingCorruptException("unsupported format version");
        }
        if (!"argon2id".equals(header.getKdfAlgorithm())
                || !KdfParams.inBounds(Integer.toUnsignedLong(header.getKdfMemoryKib()),
                        Integer.toUnsignedLong(header.getKdfIterations()), Integer.toUnsignedLong(header.getKdfParallelism()))
                || header.getKdfSalt().size() < SALT_BYTES || header.getKdfSalt().size() > 64
                || header.getNonce().size() != Crypto.NONCE_BYTES || header.getVaultId().size() != 16) {
            throw new KeyRingCorruptException("header fields out of bounds");
        }
        return new Sealed(header, headerBytes, ciphertext);
    }

    private static byte[] lengthPrefixed(ByteBuffer in) throws KeyRingCorruptException {
        if (in.remaining() < 4) {
            throw new KeyRingCorruptException("truncated");
        }
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new KeyRingCorruptException("bad field length");
        }
        byte[] out = new byte[n];
        in.get(out);
        return out;
    }

    public static KdfParams kdfParams(Sealed sealed) {
        KeyRingHeader h = sealed.header();
        return new KdfParams(h.getKdfMemoryKib(), h.getKdfIterations(), h.getKdfParallelism());
    }

    /** Opens the body with the key-encryption key, or throws {@link WrongPassphraseException}. */
    public static KeyRing unseal(Sealed sealed, byte[] kek, Crypto crypto) throws VaultException {
        byte[] plain = crypto.open(kek, sealed.header().getNonce().toByteArray(), sealed.headerBytes(),
                sealed.ciphertext(), 0, sealed.ciphertext().length);
        if (plain == null) {
            throw new WrongPassphraseException();
        }
        try {
            return KeyRing.fromBody(KeyRingBody.parseFrom(plain));
        } catch (InvalidProtocolBufferException e) {
            // Authenticated but unparsable: written by a broken or newer version, not a wrong passphrase.
            throw new KeyRingCorruptException("body encoding");
        } finally {
            Crypto.wipe(plain);
        }
    }

    /** A fresh header (new nonce) for the given KDF parameters, salt and vault id. */
    static KeyRingHeader header(KdfParams kdf, byte[] salt, byte[] vaultId, byte[] nonce) {
        return KeyRingHeader.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setKdfAlgorithm("argon2id")
                .setKdfMemoryKib(kdf.memoryKiB())
                .setKdfIterations(kdf.iterations())
                .setKdfParallelism(kdf.parallelism())
                .setKdfSalt(ByteString.copyFrom(salt))
                .setVaultId(ByteString.copyFrom(vaultId))
                .setNonce(ByteString.copyFrom(nonce))
                .build();
    }

    /** Seals the ring and replaces the file atomically and durably. */
    static void write(Path dir, KeyRingHeader header, KeyRing ring, byte[] kek, Crypto crypto) throws IOException {
        byte[] file = encode(header, ring, kek, crypto);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        writeDurably(tmp, file);
        replace(dir, tmp);
    }

    /** The complete file content for a ring sealed under the key-encryption key. */
    static byte[] encode(KeyRingHeader header, KeyRing ring, byte[] kek, Crypto crypto) {
        byte[] headerBytes = header.toByteArray();
        byte[] body = ring.toBody().toByteArray();
        byte[] sealed;
        try {
            sealed = crypto.seal(kek, header.getNonce().toByteArray(), headerBytes, body, 0, body.length);
        } finally {
            Crypto.wipe(body);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(headerBytes.length + sealed.length + 64);
        out.writeBytes(MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(headerBytes.length).array());
        out.writeBytes(headerBytes);
        out.writeBytes(ByteBuffer.allocate(4).putInt(sealed.length).array());
        out.writeBytes(sealed);
        byte[] content = out.toByteArray();
        byte[] file = Arrays.copyOf(content, content.length + 32);
        System.arraycopy(sha256(content, 0, content.length), 0, file, content.length, 32);
        return file;
    }

    private static void writeDurably(Path tmp, byte[] file) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(file);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static void replace(Path dir, Path tmp) throws IOException {
        try {
            Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("file system cannot replace the key ring atomically", e);
        }
        fsyncDirectory(dir);
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static byte[] sha256(byte[] data, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
