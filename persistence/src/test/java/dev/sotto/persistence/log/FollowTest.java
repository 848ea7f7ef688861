package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.persistence.TestVaults;
import dev.sotto.persistence.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: follow (the UI's live tail) and the typed layer over the log. */
class FollowTest {
    @TempDir
    Path dir;

    @Test
    void followReplaysHistoryThenLiveRecordsWithoutGapOrDuplicate() throws Exception {
        int before = 300;
        int during = 700;
        List<Long> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(before - 100 + during);
        try (Vault vault = TestVaults.create(dir)) {
            StreamId s = StreamId.of("acct/bob");
            for (int i = 0; i < before; i++) {
                vault.log().append(s, ("h" + i).getBytes(StandardCharsets.UTF_8));
            }
            // Subscribe while appends are still being written, from position 100.
            try (LogSubscription sub = vault.log().follow(100, r -> {
                seen.add(r.position());
                all.countDown();
            })) {
                for (int i = 0; i < during; i++) {
                    vault.log().append(s, ("l" + i).getBytes(StandardCharsets.UTF_8));
                }
                assertThat(all.await(60, TimeUnit.SECONDS)).as("follower received %d", seen.size()).isTrue();
                assertThat(sub.finished()).isNotDone();
            }
        }
        assertThat(seen).hasSize(before - 100 + during);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(100L + i);
        }
    }

    /** A tiny event type and codec, standing in for the engine's protobuf events. */
    record Note(String author, String text) {}

    static final EventCodec<Note> NOTES = new EventCodec<>() {
        @Override
        public byte[] encode(Note n) {
            return (n.author() + "\n" + n.text()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Note decode(byte[] payload) {
            String s = new String(payload, StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            if (nl < 0) {
                throw new IllegalArgumentException("not a note");
            }
            return new Note(s.substring(0, nl), s.substring(nl + 1));
        }
    };

    @Test
    void typedLayerAppendsAndReplaysRecords() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        try (Vault vault = TestVaults.create(dir)) {
            TypedEventLog<Note> log = new TypedEventLog<>(vault.log(), NOTES);
            log.append(StreamId.of("a"), new Note("alice", "hi")).join();
            log.append(StreamId.of("a"), new Note("bob", "hello")).join();
        }
        try (Vault vault = TestVaults.open(dir)) {
            List<TypedEventLog.Entry<Note>> entries = new CopyOnWriteArrayList<>();
            new TypedEventLog<>(vault.log(), NOTES).replay(0, entries::add);
            assertThat(entries).extracting(TypedEventLog.Entry::event)
                    .containsExactly(new Note("alice", "hi"), new Note("bob", "hello"));
            assertThat(entries).extracting(TypedEventLog.Entry::sequence).containsExactly(0L, 1L);
            assertThat(entries.get(0).timestamp()).isAfter(start).isBeforeOrEqualTo(Instant.now());
            assertThat(entries.get(0).toString()).doesNotContain("alice").doesNotContain("hi");
        }
    }
}
