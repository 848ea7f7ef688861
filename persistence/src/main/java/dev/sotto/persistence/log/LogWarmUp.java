package dev.sotto.persistence.log;

import dev.sotto.persistence.vault.Crypto;
import dev.sotto.persistence.vault.KeyRing;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The start-up's JIT warm-up for the log's open walk (issue 10: a vault of 100,000 messages reaches a usable window
 * in 2 s). In a fresh JVM the first unlock's walk ran mostly interpreted while the compilers caught up: the walk of
 * 100,000 records took about three times what the same walk takes in a warm JVM. So while the start screen waits for
 * the passphrase, this seals records in memory under throwaway random keys (a log key, a chain key, one key per
 * stream, drawn here and dropped after) and walks them with the open walk's own code: {@link LogWalker#walk} with
 * its batches and pool workers, the chain (HMAC-SHA256), both AES-GCM layers ({@link RecordCodec}), the outer and
 * inner protobufs, and {@link EventLog}'s replay preparer and visitor, handing each {@link LogRecord} to the
 * caller's replay (the engine's, so its filing code warms up as well). No file is read or written, no vault key or
 * user data is involved: the records are made from the caller's synthetic payloads, and the keys are wiped after
 * (copies stay with the opener of the records a {@link DeferringReplay} takes sealed, so that its state can be read).
 * The caller's stop condition ends it early: the desktop client's is "a real open walk has started in this JVM"
 * (from then on that walk is its own warm-up, and this one would only take a core from it).
 */
final class LogWarmUp {
    private LogWarmUp() {}

    /** The entries' keys by key id (entry i has key id i + 1). */
    private static IntFunction<Optional<KeyRing.StreamEntry>> byKeyId(KeyRing.StreamEntry[] entries) {
        return keyId -> keyId >= 1 && keyId <= entries.length ? Optional.of(entries[keyId - 1]) : Optional.empty();
    }

    private static java.util.Map<Integer, String> streamIds(KeyRing.StreamEntry[] entries) {
        java.util.Map<Integer, String> ids = new java.util.HashMap<>();
        for (KeyRing.StreamEntry e : entries) {
            ids.put(e.keyId(), e.streamId());
        }
        return ids;
    }

    /** Records sealed once and walked again and again. */
    static final int SEALED = 2048;

    /**
     * Walks up to {@code records} records made from {@code payloads} (record i: {@code payloads.apply(i)}, in stream
     * {@code streams.get(7 i mod n)}), each walk of up to {@link #SEALED} records into a fresh consumer from
     * {@code replay}, until {@code stop} says so. Returns the records replayed, or -1 if a walk failed (a bug).
     */
    static long run(List<StreamId> streams, IntFunction<byte[]> payloads, int records,
                    Supplier<? extends Consumer<LogRecord>> replay, BooleanSupplier stop) {
        if (streams.isEmpty() || records <= 0 || stop.getAsBoolean()) {
            return 0;
        }
        SecureRandom random = new SecureRandom();
        byte[] logKey = Crypto.randomBytes(random, Crypto.KEY_BYTES);
        byte[] chainKey = Crypto.randomBytes(random, Crypto.KEY_BYTES);
        KeyRing.StreamEntry[] entries = new KeyRing.StreamEntry[streams.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new KeyRing.StreamEntry(i + 1, streams.get(i).value(), Crypto.randomBytes(random, Crypto.KEY_BYTES));
        }
        IntFunction<Optional<KeyRing.StreamEntry>> keys = byKeyId(entries);
        int logKeyId = 1;
        try {
            // A few thousand records sealed once, each chained to the one before (as the writer does), then walked
            // again and again from the genesis: a walk verifies them every time, and sealing costs about what opening
            // does, so the opening code gets its calls for half the work. Format 3 (what new vaults write), one event
            // per record as a conversation's messages arrive one at a time.
            RecordCodec sealer = new RecordCodec(logKey, chainKey, logKeyId, RecordCodec.VERSION_3);
            byte[] genesis = sealer.genesis(Crypto.randomBytes(random, 16));
            NonceSource nonces = new NonceSource(random, NonceSource.PER_RECORD_2);
            long[] sequences = new long[entries.length];
            long now = System.currentTimeMillis();
            List<byte[]> sealed = new java.util.ArrayList<>();
            byte[] chain = genesis;
            for (int i = 0; i < Math.min(records, SEALED); i++) {
                if (stop.getAsBoolean()) {
                    return 0;
                }
                int s = Math.floorMod(i * 7, entries.length);
                KeyRing.StreamEntry e = entries[s];
                byte[] entry = sealer.sealEntry3(e.key(), e.keyId(), sequences[s]++, now, payloads.apply(i),
                        nonces.buffer(), nonces.take());
                byte[] record = sealer.sealSingle3(entry);
                byte[] next = new byte[RecordCodec.CHAIN_BYTES];
                sealer.chainAndTag(chain, record, next);
                chain = next;
                sealed.add(record);
            }
            // The records it leaves sealed (a DeferringReplay's) open with copies of the throwaway keys, which the
            // opener keeps: they protect nothing but made-up payloads, and a warm-up's state stays readable (tests).
            KeyRing.StreamEntry[] entryCopies = new KeyRing.StreamEntry[entries.length];
            for (int i = 0; i < entries.length; i++) {
                entryCopies[i] = new KeyRing.StreamEntry(entries[i].keyId(), entries[i].streamId(), entries[i].key().clone());
            }
            SealedRecord.Opener opener = (sealedRecords, failures) -> EventLog.openSealed(
                    RecordCodec.innerOnly(RecordCodec.VERSION_3), byKeyId(entryCopies), keyId -> false, sealedRecords,
                    failures);
            long replayed = 0;
            while (replayed < records && !stop.getAsBoolean()) {
                int limit = (int) Math.min(sealed.size(), records - replayed);
                int[] read = new int[1];
                LogWalker.Documents documents = () -> read[0] < limit && !stop.getAsBoolean() ? sealed.get(read[0]++) : null;
                long[] counts = new long[2];
                Consumer<LogRecord> consumer = replay.get();
                // As the open walk does: a DeferringReplay's streams keep their inner layer sealed (opened by `opener`).
                Set<Integer> deferred = consumer instanceof DeferringReplay d
                        ? EventLog.deferredKeyIds(streamIds(entries), d) : Set.of();
                LogWalker.Visitor visitor = EventLog.replayVisitor(keys, deferred, opener, 0, consumer, counts);
                LogWalker.Preparer preparer = EventLog.deferringPreparer(keys, deferred);
                LogWalker.Result result = LogWalker.walk(documents,
                        () -> new RecordCodec(logKey, chainKey, logKeyId, RecordCodec.VERSION_3), genesis, 0, null,
                        Long.MAX_VALUE, preparer, visitor);
                if (!result.intact()) {
                    return -1;
                }
                replayed += counts[0];
                if (counts[0] < limit) {
                    break; // stopped
                }
            }
            return replayed;
        } finally {
            Crypto.wipe(logKey);
            Crypto.wipe(chainKey);
            for (KeyRing.StreamEntry e : entries) {
                Crypto.wipe(e.key());
            }
        }
    }
}
