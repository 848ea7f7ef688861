package dev.sotto.persistence;

import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Shared test helpers: cheap-KDF vaults (DESIGN.md, CI budget) and directory fingerprints. */
public final class TestVaults {
    public static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    private TestVaults() {}

    public static Vault create(Path dir) throws IOException {
        return Vault.create(dir, PASSPHRASE.clone(), KdfParams.forTests());
    }

    public static Vault open(Path dir) throws IOException {
        return Vault.open(dir, PASSPHRASE.clone());
    }

    /** SHA-256 of every regular file under dir, keyed by relative path. */
    public static Map<String, String> hashes(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Copies a directory tree (used to tamper with copies of one vault). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
