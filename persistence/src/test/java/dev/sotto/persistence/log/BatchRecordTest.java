package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.persistence.TestVaults;
import dev.sotto.persistence.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format 3 at the log's level: a burst of appends is written as records of several events, and everything a caller
 * sees stays per event — dense positions in append order, replay, the open walk's replay, followers, and tampering
 * reported at the position where the damaged record starts, with nothing at or after it handed out.
 */
class BatchRecordTest {
    static final int BURST = 3000;

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@link #BURST} events over three streams, appended while the writer is busy with a sync (so they queue up and
     * are batched), then one event on its own. Returns the positions the appends returned, in call order.
     */
    private List<Long> burstThenOne(Path vaultDir) throws Exception {
        List<Long> positions = new ArrayList<>();
        try (Vault vault = TestVaults.create(vaultDir)) {
            EventLog log = vault.log();
            CompletableFuture<Void> sync = log.sync();
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                futures.add(log.append(StreamId.of("s" + (i % 3)), bytes("event " + i)));
            }
            sync.join();
            for (CompletableFuture<Long> f : futures) {
                positions.add(f.join());
            }
            positions.add(log.append(StreamId.of("alone"), bytes("alone")).join());
        }
        return positions;
    }

    private static List<String> replay(EventLog log) throws LogTamperedException {
        List<String> out = new ArrayList<>();
        log.replay(0, r -> out.add(r.position() + " " + r.stream().value() + " " + r.sequence() + " "
                + new String(r.payload(), StandardCharsets.UTF_8)));
        return out;
    }

    private static List<String> expected() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            out.add(i + " s" + (i % 3) + " " + (i / 3) + " event " + i);
        }
        out.add(BURST + " alone 0 alone");
        return out;
    }

    @Test
    void aBurstIsWrittenAsRecordsOfSeveralEventsWithDensePositionsInAppendOrder() throws Exception {
        List<Long> positions = burstThenOne(dir);
        List<Long> dense = new ArrayList<>();
        for (long i = 0; i <= BURST; i++) {
            dense.add(i);
        }
        assertThat(positions).isEqualTo(dense);
        List<RawQueue.Document> docs = RawQueue.read(dir.resolve(Vault.LOG_DIR));
        assertThat(docs.size()).as("documents for %d events", BURST + 1).isLessThan(BURST / 2);
        assertThat(docs).allMatch(d -> d.bytes()[0] == RecordCodec.VERSION_3);
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            VerifyReport report = vault.log().verify();
            assertThat(report.intact()).as(report.toString()).isTrue();
            assertThat(report.events()).isEqualTo(BURST + 1);
            assertThat(report.records()).isEqualTo(docs.size());
            assertThat(replay(vault.log())).isEqualTo(expected());
        }
        // The open walk's replay, and a writer that continues at the next position.
        List<String> atOpen = new ArrayList<>();
        try (Vault vault = Vault.open(dir, TestVaults.PASSPHRASE.clone(), r -> atOpen.add(r.position() + " " + r.stream().value()
                + " " + r.sequence() + " " + new String(r.payload(), StandardCharsets.UTF_8)))) {
            assertThat(atOpen).isEqualTo(expected());
            assertThat(vault.log().append(StreamId.of("s0"), bytes("next")).join()).isEqualTo(BURST + 1);
            // replay(from) inside a batch starts at that event, not at its record.
            List<Long> from = new ArrayList<>();
            vault.log().replay(BURST / 2 + 1, r -> from.add(r.position()));
            assertThat(from.get(0)).isEqualTo(BURST / 2 + 1);
            assertThat(from).hasSize(BURST + 2 - (BURST / 2 + 1));
        }
    }

    @Test
    void eventsAppendedOneAtATimeAreRecordsOfOneEventInTheSmallestBucket() throws Exception {
        byte[] payload = new byte[200];
        try (Vault vault = TestVaults.create(dir)) {
            for (int i = 0; i < 50; i++) {
                assertThat(vault.log().append(StreamId.of("one"), payload).join()).isEqualTo(i);
            }
        }
        // Each: header 17, the 256-byte bucket (see RecordCodecFormat3Test for the sum), GCM tag 16, chain tag 16.
        assertThat(RawQueue.read(dir.resolve(Vault.LOG_DIR))).hasSize(50)
                .allMatch(d -> d.bytes().length == 17 + 256 + 16 + 16 && d.bytes()[0] == RecordCodec.VERSION_3);
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            List<byte[]> seen = new ArrayList<>();
            vault.log().replay(0, r -> seen.add(r.payload()));
            assertThat(seen).hasSize(50).allMatch(p -> java.util.Arrays.equals(p, payload));
        }
    }

    @Test
    void aFollowerGetsEveryEventOfABurstOnceAndInOrder() throws Exception {
        try (Vault vault = TestVaults.create(dir)) {
            EventLog log = vault.log();
            for (int i = 0; i < 10; i++) {
                log.append(StreamId.of("before"), bytes("b" + i));
            }
            log.sync().join();
            List<Long> seen = new CopyOnWriteArrayList<>();
            // Positions 5..9 from the history, then the burst's BURST live ones.
            CountDownLatch all = new CountDownLatch(5 + BURST);
            try (LogSubscription sub = log.follow(5, r -> {
                seen.add(r.position());
                all.countDown();
            })) {
                CompletableFuture<Void> sync = log.sync();
                CompletableFuture<Long> last = null;
                for (int i = 0; i < BURST; i++) {
                    last = log.append(StreamId.of("live"), bytes("l" + i));
                }
                sync.join();
                long lastPosition = last.join();
                assertThat(lastPosition).isEqualTo(10 + BURST - 1);
                assertThat(all.await(60, TimeUnit.SECONDS)).as("follower received %d", seen.size()).isTrue();
                List<Long> want = new ArrayList<>();
                for (long p = 5; p <= lastPosition; p++) {
                    want.add(p);
                }
                assertThat(seen).isEqualTo(want);
            }
        }
    }

    @Test
    void aLogOfLargeBatchRecordsIsWalkedInByteBoundedBatchesWithTheSameVerdicts() throws Exception {
        // 1 KiB events in a burst: records near BATCH_RECORD_BYTES, so a walk's batch ends at LogWalker.BATCH_BYTES
        // (a few dozen records) long before LogWalker.BATCH documents.
        int n = 12_000;
        byte[] payload = new byte[1024];
        try (Vault vault = TestVaults.create(dir)) {
            CompletableFuture<Void> sync = vault.log().sync();
            CompletableFuture<Long> last = null;
            for (int i = 0; i < n; i++) {
                payload[0] = (byte) i;
                payload[1] = (byte) (i >> 8);
                last = vault.log().append(StreamId.of("big" + (i % 2)), payload);
            }
            sync.join();
            assertThat(last.join()).isEqualTo(n - 1);
        }
        Path logDir = dir.resolve(Vault.LOG_DIR);
        List<RawQueue.Document> docs = RawQueue.read(logDir);
        long bytes = docs.stream().mapToLong(d -> d.bytes().length).sum();
        assertThat(bytes).as("more than two walk batches' worth").isGreaterThan(2L * LogWalker.BATCH_BYTES);
        assertThat(docs.size()).isLessThan(LogWalker.BATCH);
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            assertThat(vault.log().verify().intact()).isTrue();
            List<Long> seen = new ArrayList<>();
            vault.log().replay(0, r -> {
                int i = (r.payload()[0] & 0xff) | (r.payload()[1] & 0xff) << 8;
                assertThat(i).isEqualTo((int) (r.position() & 0xffff));
                seen.add(r.position());
            });
            assertThat(seen).hasSize(n).isSorted().doesNotHaveDuplicates();
            assertThat(seen.get(n - 1)).isEqualTo(n - 1);
        }
        // Damage in a record past the first byte-bounded batches: reported at its first event, nothing from it on.
        Path data = RawQueue.dataFiles(logDir).get(0);
        RawQueue.Document doc = docs.get(docs.size() - 3);
        long at = doc.fileOffset() + 40;
        RawQueue.flip(data, at);
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            long start = vault.log().verify().tamperedAt().orElseThrow();
            List<Long> seen = new ArrayList<>();
            assertThatThrownBy(() -> vault.log().replay(0, r -> seen.add(r.position())))
                    .isInstanceOf(LogTamperedException.class);
            assertThat(start).isGreaterThan(n / 2);
            assertThat(seen).hasSize((int) start);
            assertThat(seen.get(seen.size() - 1)).isEqualTo(start - 1);
        }
    }

    @Test
    void aTornTailAfterBatchRecordsIsReportedAtItsPositionThenAcknowledged() throws Exception {
        burstThenOne(dir);
        Path logDir = dir.resolve(Vault.LOG_DIR);
        List<RawQueue.Document> docs = RawQueue.read(logDir);
        assertThat(docs.size()).isLessThan(BURST / 2);
        // A power loss can leave a visible but incomplete record after the last anchor (here: after clean close).
        byte[] torn = docs.get(docs.size() - 2).bytes().clone();
        torn[torn.length - 1] ^= 0x55;
        RawQueue.append(logDir, List.of(torn));
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            VerifyReport before = vault.log().verify();
            assertThat(before.intact()).as(before.toString()).isTrue();
            assertThat(before.tornTailAt()).as("the position after the last event").hasValue(BURST + 1);
            assertThat(before.documents()).isEqualTo(docs.size() + 1);
        }
        try (Vault vault = TestVaults.open(dir)) {
            assertThat(vault.log().openReport().tornTailAt()).hasValue(BURST + 1);
            long p = vault.log().append(StreamId.of("s0"), bytes("after crash")).join();
            assertThat(p).as("the torn record and its acknowledgement take one position each").isEqualTo(BURST + 3);
        }
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            VerifyReport after = vault.log().verify();
            assertThat(after.intact()).as(after.toString()).isTrue();
            assertThat(after.tornTailAt()).isEmpty();
            assertThat(after.recoveredTorn()).isEqualTo(1);
            List<String> replayed = replay(vault.log());
            assertThat(replayed.subList(0, BURST + 1)).isEqualTo(expected());
            assertThat(replayed.get(BURST + 1)).isEqualTo((BURST + 3) + " s0 " + (BURST / 3) + " after crash");
        }
    }

    @Test
    void aShredTakenWithEventsOfItsStreamStillWaitingForTheirRecordComesAfterThem() throws Exception {
        List<CompletableFuture<Long>> before = new ArrayList<>();
        List<CompletableFuture<Long>> after = new ArrayList<>();
        CompletableFuture<Boolean> shred;
        try (Vault vault = TestVaults.create(dir)) {
            EventLog log = vault.log();
            CompletableFuture<Void> sync = log.sync(); // the writer is busy: what follows queues up
            for (int i = 0; i < 150; i++) {
                before.add(log.append(StreamId.of(i % 3 == 0 ? "y" : "x"), bytes("before " + i)));
            }
            shred = log.shred(StreamId.of("x"));
            for (int i = 0; i < 10; i++) {
                after.add(log.append(StreamId.of("x"), bytes("after " + i)));
            }
            sync.join();
            assertThat(shred.join()).isTrue();
            long lastBefore = before.get(before.size() - 1).join();
            assertThat(after.get(0).join()).as("the tombstone's position lies between").isEqualTo(lastBefore + 2);
        }
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            List<String> out = new ArrayList<>();
            ReplayStats stats = vault.log().replay(0, r -> out.add(r.stream().value() + " " + r.sequence() + " "
                    + new String(r.payload(), StandardCharsets.UTF_8)));
            assertThat(stats.shreddedSkipped()).isEqualTo(100);
            List<String> want = new ArrayList<>();
            for (int i = 0; i < 150; i += 3) {
                want.add("y " + (i / 3) + " before " + i);
            }
            for (int i = 0; i < 10; i++) {
                want.add("x " + i + " after " + i); // a new key for x, its sequence from 0
            }
            assertThat(out).isEqualTo(want);
        }
    }


    @Test
    void damageInsideABatchIsReportedWhereItsRecordStartsAndNothingFromItIsHandedOut() throws Exception {
        List<Long> positions = burstThenOne(dir);
        Path logDir = dir.resolve(Vault.LOG_DIR);
        List<RawQueue.Document> docs = RawQueue.read(logDir);
        Path data = RawQueue.dataFiles(logDir).get(0);
        int last = docs.size() - 1;
        long previousStart = -1;
        for (int k : new java.util.TreeSet<>(List.of(0, 1, docs.size() / 2, last - 1, last))) {
            RawQueue.Document doc = docs.get(k);
            long at = doc.fileOffset() + doc.bytes().length / 2;
            RawQueue.flip(data, at);
            try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
                VerifyReport report = vault.log().verify();
                assertThat(report.tamperedAt()).as("flip in record %d of %d", k, docs.size()).isPresent();
                long start = report.tamperedAt().getAsLong();
                List<Long> seen = new ArrayList<>();
                assertThatThrownBy(() -> vault.log().replay(0, r -> seen.add(r.position())))
                        .isInstanceOf(LogTamperedException.class)
                        .satisfies(e -> assertThat(((LogTamperedException) e).position()).isEqualTo(start));
                // Everything before the damaged record, and nothing from it or after it.
                assertThat(seen).isEqualTo(positions.subList(0, (int) start));
                if (k == 0) {
                    assertThat(start).isZero();
                }
                if (k == last) {
                    // The last record holds only the event appended on its own, at the position its append returned.
                    assertThat(start).isEqualTo(positions.get(positions.size() - 1));
                }
                assertThat(start).as("records start in order").isGreaterThan(previousStart);
                previousStart = start;
            } finally {
                RawQueue.flip(data, at);
            }
        }
        // A batch record removed, or duplicated, breaks the chain at the next record.
        List<byte[]> d = new ArrayList<>(docs.stream().map(RawQueue.Document::bytes).toList());
        d.remove(1);
        RawQueue.rewrite(logDir, d);
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            assertThat(vault.log().verify().intact()).isFalse();
        }
        d = new ArrayList<>(docs.stream().map(RawQueue.Document::bytes).toList());
        d.add(2, d.get(1));
        RawQueue.rewrite(logDir, d);
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            assertThat(vault.log().verify().intact()).isFalse();
        }
        d = new ArrayList<>(docs.stream().map(RawQueue.Document::bytes).toList());
        Collections.swap(d, 1, 2);
        RawQueue.rewrite(logDir, d);
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            assertThat(vault.log().verify().intact()).isFalse();
        }
    }
}
