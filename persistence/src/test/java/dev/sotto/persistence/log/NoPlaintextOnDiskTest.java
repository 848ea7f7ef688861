package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.persistence.TestVaults;
import dev.sotto.persistence.vault.Vault;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: 10,000 events with a marker, then every byte of every file is scanned for it. */
class NoPlaintextOnDiskTest {
    static final String MARKER = "SottoPlaintextMarker-7f3a9c";

    @TempDir
    Path dir;

    @Test
    void markerAppearsNowhereInTheVaultDirectory() throws Exception {
        try (Vault vault = TestVaults.create(dir)) {
            CompletableFuture<?> last = null;
            for (int i = 0; i < 10_000; i++) {
                // The marker is in the payload and in the stream's name (a contact's JID).
                StreamId stream = StreamId.of("acct/" + MARKER + (i % 7) + "@example.org");
                last = vault.log().append(stream, ("message " + i + " " + MARKER + " body").getBytes(StandardCharsets.UTF_8));
            }
            last.join();
            vault.log().sync().join();
            // Scan while open (memory-mapped pages are in the files) and again after close.
            assertNoMarker();
        }
        assertNoMarker();
        try (Vault vault = TestVaults.open(dir)) {
            assertThat(vault.log().replay(0, r -> { }).delivered()).isEqualTo(10_000);
        }
    }

    private void assertNoMarker() throws Exception {
        List<byte[]> needles = Stream.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)
                .map(cs -> MARKER.getBytes((Charset) cs)).toList();
        int files = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                byte[] content = Files.readAllBytes(p);
                files++;
                for (byte[] needle : needles) {
                    assertThat(indexOf(content, needle)).as("marker found in %s", dir.relativize(p)).isEqualTo(-1);
                }
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(3);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
