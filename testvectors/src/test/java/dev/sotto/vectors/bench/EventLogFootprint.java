package dev.sotto.vectors.bench;

import dev.sotto.persistence.log.StreamId;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Issue 3, the figures JMH does not give: bytes on disk per 200-byte event (encrypted, in record format 3 with
 * the events appended one at a time, each waiting for the one before, so one event per record, and in a burst, so
 * the writer batches them; format 2 and format 1; vs raw Chronicle; measured as the distance between the first and
 * the last document in the data file, divided by the events) and the unlock time with the real Argon2id parameters
 * (64 MiB, t=3), median of 5.
 *
 * <pre>
 * mvn -B -pl testvectors -am -Pbench -DskipTests verify -Dbench.main=dev.sotto.vectors.bench.EventLogFootprint
 * </pre>
 */
public final class EventLogFootprint {
    private EventLogFootprint() {}

    public static void main(String[] args) throws Exception {
        int n = 10_000;
        byte[] payload = EventLogBenchmark.payload();
        Path dir3one = EventLogBenchmark.tempDir("footprint-format3-one");
        Path dir3 = EventLogBenchmark.tempDir("footprint-format3");
        Path dir = EventLogBenchmark.tempDir("footprint");
        Path dir1 = EventLogBenchmark.tempDir("footprint-format1");
        Path rawDir = EventLogBenchmark.tempDir("footprint-raw");
        try {
            for (Path d : new Path[] {dir3one, dir3, dir, dir1}) {
                int format = d == dir3one || d == dir3 ? 3 : d == dir ? 2 : 1;
                try (Vault vault = Vault.createWithLogFormat(d, EventLogBenchmark.PASSPHRASE.clone(), KdfParams.forTests(), format)) {
                    CompletableFuture<Long> last = null;
                    for (int i = 0; i < n; i++) {
                        last = vault.log().append(StreamId.of("s" + (i & 3)), payload);
                        if (d == dir3one) {
                            last.join();
                        }
                    }
                    last.join();
                }
            }
            try (SingleChronicleQueue raw = EventLogBenchmark.rawQueue(rawDir); ExcerptAppender a = raw.createAppender()) {
                for (int i = 0; i < n; i++) {
                    a.writeBytes(BytesStore.wrap(payload));
                }
            }
            System.out.printf("bytes on disk per event (200-byte payload): format 3 one at a time %.1f, format 3 burst %.1f, "
                    + "format 2 %.1f, format 1 %.1f, raw Chronicle %.1f%n", perEvent(dir3one.resolve(Vault.LOG_DIR), n),
                    perEvent(dir3.resolve(Vault.LOG_DIR), n), perEvent(dir.resolve(Vault.LOG_DIR), n),
                    perEvent(dir1.resolve(Vault.LOG_DIR), n), perEvent(rawDir, n));

            long[] unlock = new long[5];
            Path real = EventLogBenchmark.tempDir("unlock");
            Vault.create(real, EventLogBenchmark.PASSPHRASE.clone()).close();
            for (int i = 0; i < unlock.length; i++) {
                long t0 = System.nanoTime();
                Vault.open(real, EventLogBenchmark.PASSPHRASE.clone()).close();
                unlock[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            Arrays.sort(unlock);
            System.out.printf("unlock (Argon2id 64 MiB, t=3, p=1, key ring + empty queue): median %d ms of %s%n",
                    unlock[2], Arrays.toString(unlock));
            EventLogBenchmark.delete(real);
        } finally {
            EventLogBenchmark.delete(dir3one);
            EventLogBenchmark.delete(dir3);
            EventLogBenchmark.delete(dir);
            EventLogBenchmark.delete(dir1);
            EventLogBenchmark.delete(rawDir);
        }
    }

    /**
     * Bytes from the first document's content to the last document's end, per event: every document's bytes and
     * Chronicle's 4-byte header of each but the first (a 4-byte error over the whole log).
     */
    private static double perEvent(Path logDir, int events) {
        try (SingleChronicleQueue q = EventLogBenchmark.rawQueueBuilder(logDir).readOnly(true).build();
             ExcerptTailer t = q.createTailer()) {
            long first = -1;
            long lastEnd = -1;
            long count = 0;
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    long start = dc.wire().bytes().readPosition();
                    if (first < 0) {
                        first = start;
                    }
                    lastEnd = dc.wire().bytes().readLimit();
                    count++;
                }
            }
            return count < 2 ? Double.NaN : (double) (lastEnd - first) / events;
        }
    }
}
