package dev.sotto.ui.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.persistence.log.StreamId;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.persistence.vault.WrongPassphraseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultAccessTest {
    @TempDir
    Path dir;

    private static boolean zeroed(char[] chars) {
        for (char c : chars) {
            if (c != '\0') {
                return false;
            }
        }
        return true;
    }

    @Test
    void createZeroesBothEntriesAndTheVaultOpensWithThePassphrase() throws IOException {
        char[] first = "correct horse battery".toCharArray();
        char[] second = "correct horse battery".toCharArray();
        assertThat(VaultAccess.exists(dir)).isFalse();
        try (Vault vault = VaultAccess.create(dir, first, second, KdfParams.forTests())) {
            vault.log().append(StreamId.of("s"), new byte[] {1}).join();
        }
        assertThat(zeroed(first)).isTrue();
        assertThat(zeroed(second)).isTrue();
        assertThat(VaultAccess.exists(dir)).isTrue();
        char[] again = "correct horse battery".toCharArray();
        try (Vault vault = VaultAccess.open(dir, again)) {
            assertThat(vault.log().openReport().events()).isEqualTo(1);
        }
        assertThat(zeroed(again)).isTrue();
    }

    @Test
    void mismatchAndShortPassphrasesCreateNothing() throws IOException {
        char[] a = "correct horse battery".toCharArray();
        char[] b = "correct horse batterx".toCharArray();
        assertThatThrownBy(() -> VaultAccess.create(dir, a, b, KdfParams.forTests()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(zeroed(a) && zeroed(b)).isTrue();
        assertThatThrownBy(() -> VaultAccess.create(dir, "short".toCharArray(), "short".toCharArray(),
                KdfParams.forTests())).isInstanceOf(IllegalArgumentException.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void wrongPassphraseThrowsZeroesAndWritesNothing() throws Exception {
        try (Vault vault = VaultAccess.create(dir, "correct horse battery".toCharArray(),
                "correct horse battery".toCharArray(), KdfParams.forTests())) {
            vault.log().append(StreamId.of("s"), new byte[] {1, 2, 3}).join();
        }
        Map<String, String> before = snapshot(dir);
        char[] wrong = "incorrect horse battery".toCharArray();
        assertThatThrownBy(() -> VaultAccess.open(dir, wrong)).isInstanceOf(WrongPassphraseException.class);
        assertThat(zeroed(wrong)).isTrue();
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    /** Every file under {@code root} with its SHA-256 and modification time. */
    static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                files.put(root.relativize(p).toString(),
                        HexFormat.of().formatHex(digest) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }
}
