package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.persistence.TestVaults;
import dev.sotto.persistence.vault.Vault;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: "8 threads × 50,000 appends → 400,000 records in one total order, none lost or duplicated". */
class ConcurrentAppendTest {
    static final int THREADS = 8;
    static final int PER_THREAD = 50_000;

    @TempDir
    Path dir;

    @Test
    void eightThreadsAppendIntoOneTotalOrder() throws Exception {
        long[][] positions = new long[THREADS][PER_THREAD];
        try (Vault vault = TestVaults.create(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    StreamId stream = StreamId.of("thread-" + thread);
                    @SuppressWarnings("unchecked")
                    CompletableFuture<Long>[] futures = new CompletableFuture[PER_THREAD];
                    for (int i = 0; i < PER_THREAD; i++) {
                        futures[i] = vault.log().append(stream, ByteBuffer.allocate(8).putInt(thread).putInt(i).array());
                    }
                    for (int i = 0; i < PER_THREAD; i++) {
                        positions[thread][i] = futures[i].join();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            pool.shutdown();
        }
        int total = THREADS * PER_THREAD;
        BitSet seen = new BitSet(total);
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < PER_THREAD; i++) {
                long p = positions[t][i];
                assertThat(p).isBetween(0L, total - 1L);
                assertThat(seen.get((int) p)).as("position %d handed out twice", p).isFalse();
                seen.set((int) p);
                if (i > 0) {
                    assertThat(p).as("one thread's appends keep their order").isGreaterThan(positions[t][i - 1]);
                }
            }
        }
        assertThat(seen.cardinality()).isEqualTo(total);

        int[] next = new int[THREADS];
        long[] count = new long[1];
        try (Vault vault = TestVaults.open(dir)) {
            ReplayStats stats = vault.log().replay(0, r -> {
                ByteBuffer b = ByteBuffer.wrap(r.payload());
                int thread = b.getInt();
                int i = b.getInt();
                assertThat(r.stream().value()).isEqualTo("thread-" + thread);
                assertThat(i).isEqualTo(next[thread]);
                assertThat(r.sequence()).isEqualTo(i);
                assertThat(r.position()).isEqualTo(positions[thread][i]);
                next[thread]++;
                count[0]++;
            });
            assertThat(stats.delivered()).isEqualTo(total);
            assertThat(vault.log().verify().intact()).isTrue();
        }
        assertThat(count[0]).isEqualTo(total);
        for (int t = 0; t < THREADS; t++) {
            assertThat(next[t]).isEqualTo(PER_THREAD);
        }
    }
}
