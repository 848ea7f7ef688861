package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.persistence.TestVaults;
import dev.sotto.persistence.vault.KeyRingFile;
import dev.sotto.persistence.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening with a replay consumer (issue 10, start-up): the open walk authenticates and replays in one pass.
 * It must hand out exactly what {@code replay(0, ...)} hands out, and report tampering exactly as the plain
 * open does.
 */
class OpenReplayTest {
    @TempDir
    Path dir;

    /** Everything a consumer can see of a record, as text (payloads here are ASCII). */
    private static Consumer<LogRecord> into(List<String> out) {
        return r -> out.add(r.position() + " " + r.stream().value() + " " + r.sequence() + " "
                + r.timestamp().toEpochMilli() + " " + new String(r.payload(), StandardCharsets.US_ASCII));
    }

    /**
     * {@code n} events over five streams, one of them shredded half-way. {@code oneEventPerRecord}: each append waits
     * for the one before, so every record (document) holds one event and position k is document k; otherwise the
     * appends come in a burst and the writer batches them (format 3).
     */
    private void fill(Path vaultDir, int n, boolean oneEventPerRecord) throws Exception {
        try (Vault vault = TestVaults.create(vaultDir)) {
            CompletableFuture<Long> last = null;
            for (int i = 0; i < n; i++) {
                last = vault.log().append(StreamId.of("s" + (i % 5)), ("event " + i).getBytes(StandardCharsets.US_ASCII));
                if (oneEventPerRecord) {
                    assertThat(last.join()).isEqualTo(i < n / 2 + 1 ? i : i + 1); // the tombstone takes a position
                }
                if (i == n / 2) {
                    last.join();
                    assertThat(vault.log().shred(StreamId.of("s3")).join()).isTrue();
                }
            }
            last.join();
        }
    }

    @Test
    void theOpenWalkHandsOutExactlyWhatReplayHandsOut() throws Exception {
        // Longer than two of LogWalker's batches, with a shredded stream whose records are skipped.
        int n = 2 * LogWalker.BATCH + 300;
        fill(dir, n, false);
        List<String> atOpen = new ArrayList<>();
        Consumer<LogRecord> consumer = into(atOpen);
        List<String> replayed = new ArrayList<>();
        try (Vault vault = Vault.open(dir, TestVaults.PASSPHRASE.clone(), consumer)) {
            assertThat(vault.log().replayedAtOpen(consumer)).isTrue();
            assertThat(vault.log().replayedAtOpen(r -> { })).isFalse();
            ReplayStats stats = vault.log().replay(0, into(replayed));
            assertThat(stats.shreddedSkipped()).isPositive();
        }
        assertThat(atOpen).hasSize(replayed.size()).isEqualTo(replayed);
        assertThat(atOpen.get(0)).startsWith("0 s0 0 ").endsWith(" event 0");
    }

    @Test
    void aFlippedByteIsReportedByTheReplayingOpenAsByThePlainOne() throws Exception {
        int n = LogWalker.BATCH + 200;
        fill(dir, n, true);
        Path logDir = dir.resolve(Vault.LOG_DIR);
        List<RawQueue.Document> docs = RawQueue.read(logDir);
        Path data = RawQueue.dataFiles(logDir).get(0);
        for (int k : new int[] {0, 7, LogWalker.BATCH - 1, LogWalker.BATCH + 150}) {
            long at = docs.get(k).fileOffset() + 30;
            RawQueue.flip(data, at);
            try {
                LogTamperedException plain = catchTampered(() -> TestVaults.open(dir).close());
                List<String> seen = new ArrayList<>();
                LogTamperedException replaying = catchTampered(
                        () -> Vault.open(dir, TestVaults.PASSPHRASE.clone(), into(seen)).close());
                assertThat(plain.position()).as("flip in record %d", k).isEqualTo(k);
                assertThat(replaying.position()).isEqualTo(plain.position());
                assertThat(replaying.condition()).isEqualTo(plain.condition());
                assertThat(seen).allMatch(s -> Long.parseLong(s.split(" ")[0]) < k);
            } finally {
                RawQueue.flip(data, at);
            }
        }
        List<byte[]> d = new ArrayList<>(docs.stream().map(RawQueue.Document::bytes).toList());
        d.remove(LogWalker.BATCH + 3);
        RawQueue.rewrite(logDir, d);
        LogTamperedException plain = catchTampered(() -> TestVaults.open(dir).close());
        LogTamperedException replaying = catchTampered(() -> Vault.open(dir, TestVaults.PASSPHRASE.clone(), r -> { }).close());
        assertThat(replaying.position()).isEqualTo(plain.position()).isEqualTo(LogWalker.BATCH + 3);
        assertThat(replaying.condition()).isEqualTo(plain.condition());
    }

    @Test
    void aShredInterruptedByACrashIsNotTakenAsACompleteReplay() throws Exception {
        Path saved = dir.resolve("keyring-before-shred");
        try (Vault vault = TestVaults.create(dir.resolve("v"))) {
            for (int i = 0; i < 6; i++) {
                vault.log().append(StreamId.of(i % 2 == 0 ? "keep" : "forget"), ("e" + i).getBytes(StandardCharsets.US_ASCII));
            }
            vault.log().sync().join();
            Files.copy(dir.resolve("v").resolve(KeyRingFile.FILE_NAME), saved);
            assertThat(vault.log().shred(StreamId.of("forget")).join()).isTrue();
        }
        // The crash: the tombstone is in the log, but the key ring on disk still holds the stream's key.
        Files.copy(saved, dir.resolve("v").resolve(KeyRingFile.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        List<String> atOpen = new ArrayList<>();
        Consumer<LogRecord> consumer = into(atOpen);
        try (Vault vault = Vault.open(dir.resolve("v"), TestVaults.PASSPHRASE.clone(), consumer)) {
            assertThat(vault.log().replayedAtOpen(consumer)).isFalse();
            List<String> replayed = new ArrayList<>();
            vault.log().replay(0, into(replayed));
            assertThat(replayed).hasSize(3).allMatch(s -> s.contains(" keep "));
        }
    }

    /** An open that is expected to find tampering. */
    interface Open {
        void run() throws Exception;
    }

    /** The {@link LogTamperedException} {@code open} throws (the assertion fails if it throws nothing or else). */
    static LogTamperedException catchTampered(Open open) {
        Throwable[] thrown = {null};
        assertThatThrownBy(() -> {
            try {
                open.run();
            } catch (Exception e) {
                thrown[0] = e;
                throw e;
            }
        }).isInstanceOf(LogTamperedException.class);
        return (LogTamperedException) thrown[0];
    }

}
