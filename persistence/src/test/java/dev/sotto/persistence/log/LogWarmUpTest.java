package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The start-up's warm-up of the open walk (issue 10): records sealed in memory under throwaway keys go through the
 * open walk's code and come out as the replay of an open would hand them out, and the stop condition ends it.
 */
class LogWarmUpTest {
    private static final List<StreamId> STREAMS = List.of(StreamId.of("a"), StreamId.of("b"), StreamId.of("c"));

    private static byte[] payload(int i) {
        return ("payload " + i).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void everyWalkHandsOutTheRecordsItSealedInOrder() {
        int records = LogWarmUp.SEALED + 500; // two walks: all the sealed records, then the first 500 again
        List<List<LogRecord>> walks = new ArrayList<>();
        long replayed = LogWarmUp.run(STREAMS, LogWarmUpTest::payload, records, () -> {
            List<LogRecord> walk = new ArrayList<>();
            walks.add(walk);
            return (Consumer<LogRecord>) walk::add;
        }, () -> false);

        assertThat(replayed).isEqualTo(records);
        assertThat(walks).hasSize(2);
        assertThat(walks.get(0)).hasSize(LogWarmUp.SEALED);
        assertThat(walks.get(1)).hasSize(500);
        for (List<LogRecord> walk : walks) {
            Map<StreamId, Long> nextSequence = new HashMap<>();
            for (int i = 0; i < walk.size(); i++) {
                LogRecord r = walk.get(i);
                StreamId stream = STREAMS.get(Math.floorMod(7 * i, STREAMS.size()));
                assertThat(r.position()).isEqualTo(i);
                assertThat(r.stream()).isEqualTo(stream);
                assertThat(r.sequence()).isEqualTo(nextSequence.getOrDefault(stream, 0L));
                assertThat(new String(r.payload(), StandardCharsets.US_ASCII)).isEqualTo("payload " + i);
                nextSequence.put(stream, r.sequence() + 1);
            }
        }
    }

    @Test
    void stopsWhenTold() {
        AtomicLong seen = new AtomicLong();
        // Told to stop once 3 000 records were replayed: the walk under way ends within a batch or two.
        long replayed = LogWarmUp.run(STREAMS, LogWarmUpTest::payload, 1_000_000, () -> r -> seen.incrementAndGet(),
                () -> seen.get() >= 3_000);
        assertThat(replayed).isEqualTo(seen.get());
        assertThat(replayed).isBetween(3_000L, 3_000L + 2 * LogWalker.BATCH);

        assertThat(LogWarmUp.run(STREAMS, LogWarmUpTest::payload, 1_000, () -> r -> seen.incrementAndGet(), () -> true))
                .isZero();
    }
}
