package dev.sotto.persistence.log;

import dev.sotto.persistence.proto.InnerRecord;
import dev.sotto.persistence.proto.OuterRecord;
import dev.sotto.persistence.vault.Crypto;
import dev.sotto.persistence.vault.KeyRing;
import dev.sotto.persistence.vault.KeyRingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The encrypted, chained, append-only event log of a vault (DESIGN.md, "The log, precisely").
 *
 * <p>One writer thread owns the Chronicle appender, the chain head and the per-stream sequence numbers;
 * {@link #append} hands it a task and returns a future that completes with the record's position once
 * the record is in the memory-mapped queue (it then survives a process crash; {@link #sync} and the
 * periodic sync make it survive a power loss). Positions form one total order across all threads.
 * Readers ({@link #replay}, {@link #verify}, followers) use their own tailers and authenticate every
 * record against the chain before handing it out.
 *
 * <p>The queue has a single cycle (fixed time provider: file names reveal no dates) and an explicit
 * block size.
 */
public final class EventLog implements AutoCloseable {
    static final String LOG_KEY_INFO = "sotto log record key v1";
    static final String CHAIN_KEY_INFO = "sotto log chain key v1";
    static final long BLOCK_SIZE = 16L << 20;
    /** Records between MAC'd anchors in the key ring: truncation below the last anchor is tampering. */
    static final long ANCHOR_EVERY = 8192;
    static final long SYNC_INTERVAL_MILLIS = 250;
    /**
     * An anchor rewrites and fsyncs the key ring: at most one per sync interval, so a burst of appends does
     * not spend its time in fsync. One that falls due in between is written at the next quiet moment or
     * interval (and always at clean close, after shred and on {@link #sync()}).
     */
    static final long ANCHOR_MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(SYNC_INTERVAL_MILLIS);
    /** Tasks the writer takes from the queue at once. */
    static final int WRITER_BATCH = 256;
    /**
     * Format 3: a record takes events until their entries reach this many bytes (one larger event still makes a
     * record of its own). Small enough that a reader's unit of work stays small, large enough that a burst pays
     * the outer seal, the chain HMAC and Chronicle's per-document cost once per several hundred events.
     */
    static final int BATCH_RECORD_BYTES = 64 * 1024;

    private final SingleChronicleQueue queue;
    private final KeyRingStore store;
    private final KeyRing ring;
    private final boolean readOnly;
    private final Clock clock;
    private final byte[] logKey;
    private final byte[] chainKey;
    private final byte[] genesis;
    /** Record format of this vault's log, from its key ring (RecordCodec: 1, 2 or 3). */
    private final int format;
    private final VerifyReport openReport;
    private final CopyOnWriteArrayList<LogSubscription> subscribers = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    /** Per-stream append state by stream name; see {@link StreamState}. */
    private final ConcurrentHashMap<String, StreamState> streams = new ConcurrentHashMap<>();
    /** Codecs for callers' threads (taken and returned per append, dropped at close). */
    private final ConcurrentLinkedQueue<Sealer> sealers = new ConcurrentLinkedQueue<>();
    /** Bumped after each shred: a sealer that sees a new value drops its stream-key Ciphers. */
    private volatile int shredEpoch;
    private final Thread writer;
    /** Completes once the writer has acknowledged a torn tail and finished interrupted shreds (or failed). */
    private final CompletableFuture<Void> recovered = new CompletableFuture<>();
    /** The consumer that got the complete replay during the open walk, or null. */
    private final Consumer<LogRecord> replayedAtOpen;
    private volatile boolean closed;
    /**
     * Set by {@link #close()} only ({@link #closed} is also set when the writer dies, and the keys are still there
     * then): sealed records stop opening ({@link #openSealed(List, Consumer)}).
     */
    private volatile boolean closeCalled;
    private volatile Throwable writerFailure;

    // Writer-thread state.
    /** Documents in the queue (what anchors count). */
    private long count;
    /** The next event's position: equal to {@link #count} in formats 1 and 2; in format 3 a batch takes one per event. */
    private long positions;
    /** Format 3: the events waiting to be written as one record ({@link #flushBatch}). */
    private final byte[][] batchEntries = new byte[WRITER_BATCH][];
    private final Append[] batchAppends = new Append[WRITER_BATCH];
    private int batchCount;
    private int batchBytes;
    private byte[] head;
    /** Format 2: the buffer the next chain value is computed into; swapped with {@link #head}. */
    private byte[] headSpare = new byte[RecordCodec.CHAIN_BYTES];
    private final Set<Integer> unfinishedShreds;
    private long tornTailAt;
    private long anchoredCount;
    /** Positions at the last anchor (or at open): format 3 records hold many events, so anchors also follow events. */
    private long anchoredPositions;
    private long lastAnchorNanos;
    private boolean dirty;
    private long lastSyncNanos;
    private NonceSource writerNonces;

    private sealed interface Task permits Append, Shred, Sync, Subscribe, Close {}

    /**
     * An event to write. {@code prepared} is null when the caller did not know the stream's key yet; the
     * writer then finds or creates the key and seals the record itself. In format 2 a prepared record is
     * sealed completely and only waits for its chain tag.
     */
    private record Append(StreamId stream, StreamState state, long sequence, long timestampMillis, byte[] payload,
                          RecordCodec.Prepared prepared, CompletableFuture<Long> done) implements Task {}

    /**
     * One stream's append state, shared by callers and the writer and guarded by its own monitor. Callers
     * take the next sequence number and enqueue under the monitor, so a stream's records reach the writer
     * in sequence order; once {@code entry} (the stream's key) is known they seal the inner layer there too,
     * in parallel with the writer. A shred retires the state (and enqueues its tombstone) under the monitor,
     * so every later append starts a new state whose key the writer looks up after the shred.
     */
    private static final class StreamState {
        KeyRing.StreamEntry entry;
        long nextSequence;
        boolean retired;

        StreamState(KeyRing.StreamEntry entry, long nextSequence) {
            this.entry = entry;
            this.nextSequence = nextSequence;
        }
    }

    /** A codec and a nonce source for one caller at a time. */
    private static final class Sealer {
        final RecordCodec codec;
        final NonceSource nonces;
        int epoch;

        Sealer(RecordCodec codec, NonceSource nonces, int epoch) {
            this.codec = codec;
            this.nonces = nonces;
            this.epoch = epoch;
        }
    }

    private record Shred(StreamId stream, CompletableFuture<Boolean> done) implements Task {}

    private record Sync(CompletableFuture<Void> done) implements Task {}

    private record Subscribe(LogSubscription subscription) implements Task {}

    private record Close(CompletableFuture<Void> done) implements Task {}

    private EventLog(SingleChronicleQueue queue, KeyRingStore store, boolean readOnly, Clock clock,
                     Consumer<LogRecord> replay) throws LogTamperedException {
        this.queue = queue;
        this.store = store;
        this.ring = store.ring();
        this.readOnly = readOnly;
        this.clock = clock;
        this.format = ring.logFormat();
        this.logKey = ring.deriveKey(LOG_KEY_INFO);
        this.chainKey = ring.deriveKey(CHAIN_KEY_INFO);
        this.genesis = newCodec().genesis(store.vaultId());

        openWalkStartedInJvm = true;
        // Next sequence per key id: one past the highest seen, so numbers never repeat under a key.
        Map<Integer, Long> sequences = new HashMap<>();
        // With a replay consumer the open walk is also the replay: one pass that authenticates the chain,
        // decrypts the inner layer (in parallel, LogWalker's preparer) and hands out events in log order.
        // A DeferringReplay's streams (the desktop's conversations) keep their inner layer sealed until read: the walk
        // still authenticates their outer layer, which holds the inner ciphertext (DeferringReplay).
        Set<Integer> deferred = replay instanceof DeferringReplay d ? deferredKeyIds(ring.streamIds(), d) : Set.of();
        LogWalker.Visitor replayVisitor = replay == null ? null
                : replayVisitor(ring::streamByKeyId, deferred, this::openSealed, 0, replay, new long[2]);
        LogWalker.Preparer preparer = replay == null ? LogWalker.NOTHING : deferringPreparer(ring::streamByKeyId, deferred);
        Walk walk = walkAll(preparer, (position, outer, prepared) -> {
            if (outer.getKind() == OuterRecord.Kind.EVENT) {
                sequences.merge(outer.getStreamKeyId(), outer.getSequence() + 1, Math::max);
            }
            if (replayVisitor != null) {
                replayVisitor.visit(position, outer, prepared);
            }
        });
        LogWalker.Result result = walk.result();
        KeyRing.Checkpoint anchor = walk.anchor();
        Set<Integer> tombstoned = walk.tombstoned();
        this.openReport = walk.report();
        if (!result.intact() && !readOnly) {
            throw result.toException();
        }
        this.count = result.documents();
        this.positions = result.positions();
        // A copy: in format 2 the writer computes chain values into head's buffers, and the walk's head
        // may be the genesis array that every later walk starts from.
        this.head = result.chainHead().clone();
        this.tornTailAt = result.tornTailAt();
        this.anchoredCount = anchor.count();
        this.anchoredPositions = this.positions;
        sequences.forEach((keyId, next) -> {
            // A key whose tombstone is written but not yet applied gets no state: its stream is being shredded.
            if (!tombstoned.contains(keyId)) {
                ring.streamByKeyId(keyId).ifPresent(e -> streams.put(e.streamId(), new StreamState(e, next)));
            }
        });
        tombstoned.removeIf(ring::isShredded);
        this.unfinishedShreds = tombstoned;
        // A tombstone whose key a crash kept: the walk handed out that stream's records before it saw the
        // tombstone, so that replay is not the one replay() gives once the shred is finished.
        this.replayedAtOpen = tombstoned.isEmpty() ? replay : null;
        if (readOnly) {
            recovered.complete(null);
            this.writer = null;
        } else {
            this.writer = new Thread(this::writerLoop, "sotto-log-writer");
            this.writer.setDaemon(true);
            this.writer.start();
        }
    }

    private void requireIssued(long position, int keyId) throws LogTamperedException {
        if (!ring.wasIssued(keyId)) {
            throw new LogTamperedException(position, "record names a stream key the key ring never issued");
        }
    }

    /** Opens (creating when writable and absent) the queue under {@code dir} and walks it once. */
    public static EventLog open(Path dir, KeyRingStore store, boolean readOnly, Clock clock) throws IOException {
        return open(dir, store, readOnly, clock, null);
    }

    /**
     * Opens the queue and walks it once; with a {@code replay} consumer that walk is also the replay: it gets
     * every readable event, exactly as {@link #replay replay(0, ...)} would hand them out, on the calling thread
     * and before this returns, so the log is read and authenticated once instead of twice. Tampering is found
     * and reported as by the plain open (a writable log throws {@link LogTamperedException}; the consumer may
     * then have seen the events before the tampered record, never one after). Check
     * {@link #replayedAtOpen(Consumer)}: after a crash in the middle of a shred the walk's replay still held the
     * shredded stream, and the caller must replay again.
     *
     * @param replay receives the events, or {@code null} to only walk
     */
    public static EventLog open(Path dir, KeyRingStore store, boolean readOnly, Clock clock,
                                Consumer<LogRecord> replay) throws IOException {
        if (readOnly && !Files.isDirectory(dir)) {
            throw new IOException("log directory missing");
        }
        SingleChronicleQueue queue;
        try {
            queue = queueBuilder(dir, readOnly).build();
        } catch (RuntimeException | InternalError e) {
            // Chronicle refused its own metadata: a damaged or foreign file, reported as such.
            throw new LogTamperedException(0, "queue metadata unreadable (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return new EventLog(queue, store, readOnly, clock, replay);
        } catch (LogTamperedException | RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /**
     * Loads and initializes, without opening or touching any file, what {@link #open} needs that depends on no vault:
     * the logging backend Chronicle logs through, Chronicle Queue's classes (and the native bindings their static
     * initializers set up), the record protobufs and the JCE's AES-GCM and HMAC-SHA256. In a fresh JVM that is about
     * a second of CPU, which the desktop client spends on its own thread while the start screen waits for the
     * passphrase, not after it (issue 10's start-up). Best effort: a failure here is left for the real open to report.
     */
    public static void warmUp() {
        try {
            org.slf4j.LoggerFactory.getILoggerFactory();
            // A builder only (never built): no directory is created, read or locked.
            queueBuilder(Path.of(System.getProperty("java.io.tmpdir"), "sotto-never-created"), true);
            // The wire the queue's metadata table is read with, on a buffer in memory: its classes' static set-up
            // (date formats, locale data) was a tenth of a second of the unlock's main thread.
            net.openhft.chronicle.wire.WireType.BINARY_LIGHT.apply(net.openhft.chronicle.bytes.Bytes.allocateElasticOnHeap(64));
            OuterRecord.getDefaultInstance();
            InnerRecord.getDefaultInstance();
            javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            javax.crypto.Mac.getInstance("HmacSHA256");
        } catch (java.security.GeneralSecurityException | RuntimeException | LinkageError e) {
            // Best effort: the open that follows reports whatever is really wrong.
        }
    }

    /** Set when the first log of this JVM starts its open walk: the start-up's warm-up ({@link LogWarmUp}) stops then. */
    private static volatile boolean openWalkStartedInJvm;

    /** Whether a log has started its open walk in this JVM (the desktop client's warm-up stops then). */
    public static boolean openWalkStarted() {
        return openWalkStartedInJvm;
    }

    /**
     * The start-up's JIT warm-up of the open walk and its replay ({@link LogWarmUp}): up to {@code records} records
     * sealed in memory under throwaway random keys, spread over {@code streams}, with {@code payloads.apply(i)} as
     * record i's payload, walked as an open walk with a replay, a few thousand at a time, each walk into a fresh
     * consumer from {@code replay}, until {@code stop} is true. Touches no file and no vault. Returns the records
     * replayed (-1 if a walk of its own records failed, which would be a bug).
     */
    public static long warmUpReplay(java.util.List<StreamId> streams, IntFunction<byte[]> payloads, int records,
                                    java.util.function.Supplier<? extends Consumer<LogRecord>> replay,
                                    java.util.function.BooleanSupplier stop) {
        return LogWarmUp.run(streams, payloads, records, replay, stop);
    }

    /** The one place the queue's layout is chosen: a single cycle (no dates in names), explicit block size. */
    static SingleChronicleQueueBuilder queueBuilder(Path dir, boolean readOnly) {
        return SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(LargeRollCycles.HUGE_DAILY)
                .timeProvider(() -> 0L)
                .blockSize(BLOCK_SIZE)
                .readOnly(readOnly);
    }

    RecordCodec newCodec() {
        return new RecordCodec(logKey, chainKey, ring.logKeyId(), format);
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Whether {@code consumer} was given to {@link #open(Path, KeyRingStore, boolean, Clock, Consumer)} and got
     * the complete replay there (the same events {@code replay(0, ...)} gives now, up to the first append).
     */
    public boolean replayedAtOpen(Consumer<LogRecord> consumer) {
        return consumer != null && replayedAtOpen == consumer;
    }

    /** What the walk at open time found (torn tail, counts); {@link #verify()} walks again. */
    public VerifyReport openReport() {
        return openReport;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Appends an event; the future completes with its position once it is in the queue. Format 2: both
     * seals run on the calling thread and the writer only chains and writes (RecordCodec). Format 1: the
     * inner seal and the padding run here; the outer seal, which needs the chain, runs on the writer.
     */
    public CompletableFuture<Long> append(StreamId stream, byte[] payload) {
        if (payload.length > RecordCodec.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload larger than " + RecordCodec.MAX_PAYLOAD_BYTES + " bytes");
        }
        if (readOnly) {
            throw new IllegalStateException("log opened read-only");
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("log is closed"));
            return done;
        }
        byte[] copy = payload.clone();
        while (true) {
            StreamState state = streams.computeIfAbsent(stream.value(), k -> new StreamState(null, 0));
            synchronized (state) {
                if (state.retired) {
                    continue;
                }
                long sequence = state.nextSequence++;
                long now = clock.millis();
                RecordCodec.Prepared prepared = state.entry == null ? null : prepare(state.entry, sequence, now, copy);
                tasks.add(new Append(stream, state, sequence, now, copy, prepared, done));
                return done;
            }
        }
    }

    private RecordCodec.Prepared prepare(KeyRing.StreamEntry entry, long sequence, long now, byte[] payload) {
        Sealer sealer = sealers.poll();
        if (sealer == null) {
            sealer = new Sealer(newCodec(), newNonceSource(), shredEpoch);
        } else if (sealer.epoch != shredEpoch) {
            sealer.epoch = shredEpoch;
            sealer.codec.forgetStreamKeys();
        }
        try {
            return prepareEvent(sealer.codec, sealer.nonces, entry, sequence, now, payload);
        } finally {
            if (!closed) {
                sealers.offer(sealer);
            }
        }
    }

    private NonceSource newNonceSource() {
        return new NonceSource(store.random(), format == RecordCodec.VERSION ? NonceSource.PER_RECORD : NonceSource.PER_RECORD_2);
    }

    private RecordCodec.Prepared prepareEvent(RecordCodec codec, NonceSource nonces, KeyRing.StreamEntry entry, long sequence,
                                              long now, byte[] payload) {
        int at = nonces.take();
        if (format == RecordCodec.VERSION) {
            return codec.prepareEvent(entry.key(), entry.keyId(), sequence, now, payload, nonces.buffer(), at);
        }
        if (format == RecordCodec.VERSION_3) {
            // The record is the event's batch entry; the writer seals the batch (RecordCodec, format 3).
            return new RecordCodec.Prepared(codec.sealEntry3(entry.key(), entry.keyId(), sequence, now, payload,
                    nonces.buffer(), at), null);
        }
        return new RecordCodec.Prepared(codec.sealEvent2(entry.key(), entry.keyId(), sequence, now, payload, nonces.buffer(), at),
                null);
    }

    /**
     * Forgets a stream (crypto-shredding): appends a tombstone, removes the stream's key from the key ring
     * and syncs. Its records keep their place in the chain; replay skips them. Completes with false when
     * the stream had no key.
     */
    public CompletableFuture<Boolean> shred(StreamId stream) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (readOnly) {
            throw new IllegalStateException("log opened read-only");
        }
        if (closed) {
            done.completeExceptionally(new IllegalStateException("log is closed"));
            return done;
        }
        StreamState state = streams.computeIfAbsent(stream.value(), k -> new StreamState(null, 0));
        synchronized (state) {
            // Enqueued before the state leaves the map: every append on the old state precedes the tombstone,
            // every append on a new state follows it.
            state.retired = true;
            tasks.add(new Shred(stream, done));
            streams.remove(stream.value(), state);
        }
        return done;
    }

    /** Forces everything appended so far to disk and records an anchor. */
    public CompletableFuture<Void> sync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new Sync(done), done);
        return done;
    }

    private void submit(Task task, CompletableFuture<?> done) {
        if (readOnly) {
            throw new IllegalStateException("log opened read-only");
        }
        if (closed) {
            done.completeExceptionally(new IllegalStateException("log is closed"));
            return;
        }
        tasks.add(task);
    }

    private void writerLoop() {
        RecordCodec codec = newCodec();
        writerNonces = newNonceSource();
        java.util.ArrayList<Task> batch = new java.util.ArrayList<>(WRITER_BATCH);
        try (ExcerptAppender appender = queue.createAppender()) {
            try {
                recover(codec, appender);
            } finally {
                recovered.complete(null);
            }
            while (true) {
                Task first = tasks.poll(SYNC_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (anchorDue()) {
                        checkpoint(appender);
                    } else if (dirty) {
                        syncNow(appender);
                    }
                    continue;
                }
                // Take what else is waiting in one go: one lock round-trip for the batch, not one per task.
                batch.add(first);
                tasks.drainTo(batch, WRITER_BATCH - 1);
                for (int i = 0; i < batch.size(); i++) {
                    Task task = batch.get(i);
                    if (task instanceof Close close) {
                        for (int j = i + 1; j < batch.size(); j++) {
                            handleOrComplete(batch.get(j), codec, appender);
                        }
                        batch.clear();
                        drain(codec, appender);
                        flushBatch(codec, appender);
                        checkpoint(appender);
                        close.done().complete(null);
                        return;
                    }
                    handle(task, codec, appender);
                }
                batch.clear();
                flushBatch(codec, appender);
                long now = System.nanoTime();
                if (anchorDue() && now - lastAnchorNanos >= ANCHOR_MIN_INTERVAL_NANOS) {
                    checkpoint(appender);
                } else if (dirty && now - lastSyncNanos > TimeUnit.MILLISECONDS.toNanos(SYNC_INTERVAL_MILLIS)) {
                    syncNow(appender);
                }
            }
        } catch (Throwable t) {
            writerFailure = t;
            closed = true;
            recovered.complete(null);
            // Tasks already taken from the queue (the one that failed and those after it; a completed future
            // ignores this), then what is still queued.
            for (Task task : batch) {
                fail(task, t);
            }
            failPending(t);
        }
    }

    private void drain(RecordCodec codec, ExcerptAppender appender) throws IOException {
        Task task;
        while ((task = tasks.poll()) != null) {
            handleOrComplete(task, codec, appender);
        }
    }

    private void handleOrComplete(Task task, RecordCodec codec, ExcerptAppender appender) throws IOException {
        if (task instanceof Close close) {
            close.done().complete(null);
        } else {
            handle(task, codec, appender);
        }
    }

    /** After a crash: acknowledge a torn tail so the chain continues, and finish interrupted shreds. */
    private void recover(RecordCodec codec, ExcerptAppender appender) throws IOException {
        if (tornTailAt >= 0) {
            write(codec, appender, OuterRecord.newBuilder().setKind(OuterRecord.Kind.TORN_ACK).setTornPosition(tornTailAt).build());
            tornTailAt = -1;
        }
        if (!unfinishedShreds.isEmpty()) {
            unfinishedShreds.forEach(ring::shred);
            unfinishedShreds.clear();
            appender.sync();
            store.persist();
        }
    }

    private void handle(Task task, RecordCodec codec, ExcerptAppender appender) throws IOException {
        if (task instanceof Append a) {
            handleAppend(a, codec, appender);
            return;
        }
        // Everything else sees (and orders itself after) the events taken before it.
        flushBatch(codec, appender);
        if (task instanceof Shred s) {
            handleShred(s, codec, appender);
        } else if (task instanceof Sync s) {
            checkpoint(appender);
            s.done().complete(null);
        } else if (task instanceof Subscribe s) {
            subscribers.add(s.subscription());
            s.subscription().liveFromDocument = count;
            s.subscription().liveFrom.complete(positions);
        }
    }

    private void handleAppend(Append a, RecordCodec codec, ExcerptAppender appender) throws IOException {
        RecordCodec.Prepared prepared = a.prepared();
        if (prepared == null) {
            KeyRing.StreamEntry entry;
            synchronized (a.state()) {
                entry = a.state().entry;
            }
            if (entry == null) {
                try {
                    entry = streamKey(a.stream());
                } catch (IOException e) {
                    a.done().completeExceptionally(e);
                    return;
                }
                synchronized (a.state()) {
                    if (a.state().entry == null) {
                        a.state().entry = entry;
                    }
                }
            }
            prepared = prepareEvent(codec, writerNonces, entry, a.sequence(), a.timestampMillis(), a.payload());
        }
        if (format == RecordCodec.VERSION_3) {
            byte[] entry = prepared.record();
            int size = RecordCodec.batchEntrySize(entry);
            if (batchCount == WRITER_BATCH || (batchCount > 0 && batchBytes + size > BATCH_RECORD_BYTES)) {
                flushBatch(codec, appender);
            }
            batchEntries[batchCount] = entry;
            batchAppends[batchCount] = a;
            batchCount++;
            batchBytes += size;
            return;
        }
        long position = write(codec, appender, prepared, 1);
        appended(a, position);
        anchorIfDue(appender);
    }

    /** An event is in the queue: its future completes, followers get it. */
    private void appended(Append a, long position) {
        a.done().complete(position);
        if (!subscribers.isEmpty()) {
            LogRecord record = new LogRecord(position, a.stream(), a.sequence(), Instant.ofEpochMilli(a.timestampMillis()),
                    a.payload());
            subscribers.forEach(s -> s.offer(record));
        }
    }

    /**
     * Rate-limited like the writer loop's check (ANCHOR_MIN_INTERVAL_NANOS): without the limit a burst paid a sync
     * and a key-ring fsync every ANCHOR_EVERY records.
     */
    private void anchorIfDue(ExcerptAppender appender) throws IOException {
        if (anchorDue() && System.nanoTime() - lastAnchorNanos >= ANCHOR_MIN_INTERVAL_NANOS) {
            checkpoint(appender);
        }
    }

    /** Format 3: writes the events taken so far as one record (nothing when there are none). */
    private void flushBatch(RecordCodec codec, ExcerptAppender appender) throws IOException {
        if (batchCount == 0) {
            return;
        }
        byte[] record = batchCount == 1 ? codec.sealSingle3(batchEntries[0])
                : codec.sealBatch3(batchEntries, batchCount, batchBytes, writerNonces.buffer(), writerNonces.take());
        int n = batchCount;
        // The events stay counted until their record is written: if the write throws, failPending fails them.
        long first = write(codec, appender, new RecordCodec.Prepared(record, null), n);
        batchCount = 0;
        batchBytes = 0;
        for (int i = 0; i < n; i++) {
            Append a = batchAppends[i];
            batchAppends[i] = null;
            batchEntries[i] = null;
            appended(a, first + i);
        }
        anchorIfDue(appender);
    }

    /** A new stream gets its key persisted in the key ring before any record uses it. */
    private KeyRing.StreamEntry streamKey(StreamId stream) throws IOException {
        var existing = ring.stream(stream.value());
        if (existing.isPresent()) {
            return existing.get();
        }
        KeyRing.StreamEntry created = ring.addStream(stream.value(), store.random());
        store.persist();
        return created;
    }

    private void handleShred(Shred s, RecordCodec codec, ExcerptAppender appender) throws IOException {
        var entry = ring.stream(s.stream().value());
        if (entry.isEmpty()) {
            s.done().complete(false);
            return;
        }
        int keyId = entry.get().keyId();
        // Tombstone first: a crash before the key ring is rewritten leaves a tombstone that the next open completes.
        write(codec, appender, OuterRecord.newBuilder().setKind(OuterRecord.Kind.TOMBSTONE).setStreamKeyId(keyId).build());
        ring.shred(keyId);
        codec.forgetStreamKeys();
        shredEpoch++;
        checkpoint(appender);
        s.done().complete(true);
    }

    private long write(RecordCodec codec, ExcerptAppender appender, OuterRecord outer) {
        if (format == RecordCodec.VERSION) {
            return write(codec, appender, codec.prepareOuter(outer, writerNonces.buffer(), writerNonces.take() + Crypto.NONCE_BYTES), 1);
        }
        return write(codec, appender, new RecordCodec.Prepared(codec.sealControl2(outer, writerNonces.buffer(), writerNonces.take()),
                null), 1);
    }

    /** Chains and writes one document holding {@code events} positions; returns the first of them. */
    private long write(RecordCodec codec, ExcerptAppender appender, RecordCodec.Prepared prepared, int events) {
        byte[] record;
        if (format == RecordCodec.VERSION) {
            record = codec.sealPrepared(prepared, head);
            head = codec.chain(head, record);
        } else {
            // Format 2: the record is sealed; its chain tag is the writer's only crypto (RecordCodec).
            record = prepared.record();
            codec.chainAndTag(head, record, headSpare);
            byte[] previous = head;
            head = headSpare;
            headSpare = previous;
        }
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(record);
        }
        dirty = true;
        count++;
        long first = positions;
        positions += events;
        return first;
    }

    private void syncNow(ExcerptAppender appender) {
        appender.sync();
        dirty = false;
        lastSyncNanos = System.nanoTime();
    }

    /** Sync, then MAC the record count and chain head into the key ring (power-loss safe up to here). */
    private void checkpoint(ExcerptAppender appender) throws IOException {
        syncNow(appender);
        ring.setAnchor(count, head);
        store.persist();
        anchoredCount = count;
        anchoredPositions = positions;
        lastAnchorNanos = System.nanoTime();
    }

    /**
     * {@link #ANCHOR_EVERY} documents or events since the last anchor. Counting events too keeps format 3's window
     * (in which a cut at a record boundary cannot be told from a shorter log) as short in events as format 2's.
     */
    private boolean anchorDue() {
        return count - anchoredCount >= ANCHOR_EVERY || positions - anchoredPositions >= ANCHOR_EVERY;
    }

    private void failPending(Throwable t) {
        // Events taken for a record that was never written (the writer failed while they waited).
        for (int i = 0; i < batchCount; i++) {
            batchAppends[i].done().completeExceptionally(new IOException("log writer stopped", t));
            batchAppends[i] = null;
            batchEntries[i] = null;
        }
        batchCount = 0;
        batchBytes = 0;
        Task task;
        while ((task = tasks.poll()) != null) {
            fail(task, t);
        }
    }

    private static void fail(Task task, Throwable t) {
        CompletableFuture<?> done;
        if (task instanceof Append a) {
            done = a.done();
        } else if (task instanceof Shred s) {
            done = s.done();
        } else if (task instanceof Sync s) {
            done = s.done();
        } else if (task instanceof Close c) {
            done = c.done();
        } else {
            done = ((Subscribe) task).subscription().liveFrom;
        }
        done.completeExceptionally(new IOException("log writer stopped", t));
    }

    // ---------------------------------------------------------------- reading

    /**
     * Replays every event at or after {@code fromPosition}, decrypted and authenticated, in log order.
     * Records of shredded streams are skipped and counted. Tampering stops the replay with an exception;
     * nothing after the first unauthenticated record is ever returned.
     */
    public ReplayStats replay(long fromPosition, Consumer<LogRecord> consumer) throws LogTamperedException {
        return replayRange(fromPosition, Long.MAX_VALUE, consumer);
    }

    /** {@link #replay} of the documents before {@code toDocument} (a follower's history: what was written before it subscribed). */
    ReplayStats replayRange(long fromPosition, long toDocument, Consumer<LogRecord> consumer) throws LogTamperedException {
        // An interrupted shred is finished by the writer before anything else: wait for it, so that the
        // forgotten stream is skipped here as it is once the shred completes.
        recovered.join();
        long[] counts = new long[2];
        KeyRing.Checkpoint anchor = ring.anchor();
        LogWalker.Result result = LogWalker.walk(queue, this::newCodec, genesis, anchor.count(), anchor.head(), toDocument,
                this::decryptInner, replayVisitor(fromPosition, consumer, counts));
        if (!result.intact()) {
            throw result.toException();
        }
        return new ReplayStats(counts[0], counts[1], result.positions());
    }

    /** The replay's per-record work that needs no order: opening the inner layer under the stream's key. */
    private Object decryptInner(RecordCodec workerCodec, OuterRecord outer, byte[] record) {
        return decryptInner(ring::streamByKeyId, workerCodec, outer, record);
    }

    /** The key ids of the streams {@code replay} defers (asked once per stream, here, on the opening thread). */
    static Set<Integer> deferredKeyIds(Map<Integer, String> streams, DeferringReplay replay) {
        Set<Integer> ids = new HashSet<>();
        streams.forEach((keyId, streamId) -> {
            if (replay.defers(new StreamId(streamId))) {
                ids.add(keyId);
            }
        });
        return Set.copyOf(ids);
    }

    /** What the preparer makes of an event whose inner layer stays sealed: the record's clear header (its nonce). */
    private record Deferred(byte[] header) {}

    /** {@link #decryptInner} except for events of {@code deferred} key ids (none: all opened), which stay sealed. */
    static LogWalker.Preparer deferringPreparer(IntFunction<Optional<KeyRing.StreamEntry>> keys, Set<Integer> deferred) {
        return (codec, outer, record) -> outer.getKind() == OuterRecord.Kind.EVENT && deferred.contains(outer.getStreamKeyId())
                ? new Deferred(Arrays.copyOf(record, RecordCodec.HEADER_BYTES))
                : decryptInner(keys, codec, outer, record);
    }

    /**
     * {@link SealedRecord#openAll}: opens deferred inner layers with a codec of their own (any thread may read a
     * history; a codec is not shared), under the stream keys the key ring holds now.
     */
    private List<LogRecord> openSealed(List<SealedRecord> records, Consumer<LogTamperedException> failures) {
        if (closeCalled) {
            throw new IllegalStateException("log is closed");
        }
        List<LogRecord> out = openSealed(RecordCodec.innerOnly(format), ring::streamByKeyId, ring::isShredded, records,
                failures);
        if (closeCalled) {
            // Closed while this ran: a key may have been wiped under it, and a failure then says nothing of the log.
            throw new IllegalStateException("log is closed");
        }
        return out;
    }

    /** {@link #openSealed(List, Consumer)} with the stream keys from {@code keys} (also the warm-up's). */
    static List<LogRecord> openSealed(RecordCodec codec, IntFunction<Optional<KeyRing.StreamEntry>> keys,
                                      java.util.function.IntPredicate shredded, List<SealedRecord> records,
                                      Consumer<LogTamperedException> failures) {
        List<LogRecord> out = new ArrayList<>(records.size());
        for (SealedRecord r : records) {
            int keyId = r.outer().getStreamKeyId();
            var entry = keys.apply(keyId);
            if (entry.isEmpty()) {
                out.add(null); // forgotten since the walk
                continue;
            }
            try {
                InnerRecord inner = codec.openInner(entry.get().key(), r.outer(), r.header());
                out.add(new LogRecord(r.position(), r.stream(), r.sequence(), Instant.ofEpochMilli(inner.getTimestampMillis()),
                        inner.getPayload().toByteArray()));
            } catch (RecordException e) {
                out.add(null);
                if (!shredded.test(keyId)) { // else forgotten while this ran: its key was wiped under us
                    failures.accept(new LogTamperedException(r.position(), e.getMessage()));
                }
            }
        }
        return out;
    }

    /** {@link #decryptInner(RecordCodec, OuterRecord, byte[])} with the stream keys from {@code keys} (also the warm-up's). */
    static Object decryptInner(IntFunction<Optional<KeyRing.StreamEntry>> keys, RecordCodec workerCodec, OuterRecord outer,
                               byte[] record) {
        if (outer.getKind() != OuterRecord.Kind.EVENT) {
            return null;
        }
        var entry = keys.apply(outer.getStreamKeyId());
        if (entry.isEmpty()) {
            return null;
        }
        try {
            return workerCodec.openInner(entry.get().key(), outer, record);
        } catch (RecordException e) {
            return e;
        }
    }

    /**
     * Hands each readable event at or after {@code fromPosition} to {@code consumer}, in log order; counts
     * delivered ({@code counts[0]}) and unreadable, i.e. shredded ({@code counts[1]}), events. An inner layer
     * that does not open is tampering at that position.
     */
    private LogWalker.Visitor replayVisitor(long fromPosition, Consumer<LogRecord> consumer, long[] counts) {
        return replayVisitor(ring::streamByKeyId, Set.of(), this::openSealed, fromPosition, consumer, counts);
    }

    /**
     * {@link #replayVisitor(long, Consumer, long[])} with the stream keys from {@code keys} (also the warm-up's); the
     * events the preparer left sealed ({@link #deferringPreparer}: key ids in {@code deferred}) go to the consumer, a
     * {@link DeferringReplay}, as {@link SealedRecord}s that {@code opener} opens.
     */
    static LogWalker.Visitor replayVisitor(IntFunction<Optional<KeyRing.StreamEntry>> keys, Set<Integer> deferred,
                                           SealedRecord.Opener opener, long fromPosition, Consumer<LogRecord> consumer,
                                           long[] counts) {
        Map<Integer, StreamId> names = new HashMap<>();
        return (position, outer, prepared) -> {
            if (position < fromPosition || outer.getKind() != OuterRecord.Kind.EVENT) {
                return;
            }
            var entry = keys.apply(outer.getStreamKeyId());
            if (entry.isEmpty() || prepared == null) {
                counts[1]++;
                return;
            }
            if (prepared instanceof Deferred d) {
                counts[0]++;
                StreamId stream = names.computeIfAbsent(outer.getStreamKeyId(), k -> new StreamId(entry.get().streamId()));
                ((DeferringReplay) consumer).acceptSealed(new SealedRecord(opener, position, stream, outer, d.header()));
                return;
            }
            if (prepared instanceof RecordException e) {
                throw new LogTamperedException(position, e.getMessage());
            }
            InnerRecord inner = (InnerRecord) prepared;
            counts[0]++;
            StreamId stream = names.computeIfAbsent(outer.getStreamKeyId(), k -> new StreamId(entry.get().streamId()));
            consumer.accept(new LogRecord(position, stream, outer.getSequence(),
                    Instant.ofEpochMilli(inner.getTimestampMillis()), inner.getPayload().toByteArray()));
        };
    }

    /** Follows the log from {@code fromPosition}: history first, then live records, on its own thread. */
    public LogSubscription follow(long fromPosition, Consumer<LogRecord> consumer) {
        LogSubscription subscription = new LogSubscription(this, fromPosition, consumer);
        if (readOnly) {
            throw new IllegalStateException("log opened read-only");
        }
        tasks.add(new Subscribe(subscription));
        subscription.start();
        return subscription;
    }

    void unsubscribe(LogSubscription subscription) {
        subscribers.remove(subscription);
    }

    /** Walks and authenticates the whole log and reports what it found; never throws on tampering. */
    public VerifyReport verify() {
        return walkAll(LogWalker.NOTHING, (position, outer, prepared) -> { }).report();
    }

    /** One full walk: its raw result, the report built from it, the anchor it checked and the tombstoned key ids. */
    private record Walk(LogWalker.Result result, VerifyReport report, KeyRing.Checkpoint anchor, Set<Integer> tombstoned) {}

    /**
     * Walks the whole log, checking every record's kind and key id and counting events and unreadable
     * (shredded) events, and hands each record (with what {@code preparer} made of it) to {@code extra} as
     * well. Shared by open and {@link #verify()}.
     */
    private Walk walkAll(LogWalker.Preparer preparer, LogWalker.Visitor extra) {
        Set<Integer> tombstoned = new HashSet<>();
        long[] events = new long[2];
        KeyRing.Checkpoint anchor = ring.anchor();
        LogWalker.Result result = LogWalker.walk(queue, this::newCodec, genesis, anchor.count(), anchor.head(), Long.MAX_VALUE,
                preparer, (position, outer, prepared) -> {
                    int keyId = outer.getStreamKeyId();
                    switch (outer.getKind()) {
                        case EVENT -> {
                            requireIssued(position, keyId);
                            events[0]++;
                            // Shredded: the key is gone, or a tombstone was written and a crash kept the key.
                            if (ring.streamByKeyId(keyId).isEmpty() || tombstoned.contains(keyId)) {
                                events[1]++;
                            }
                        }
                        case TOMBSTONE -> {
                            requireIssued(position, keyId);
                            tombstoned.add(keyId);
                        }
                        case TORN_ACK -> { }
                        default -> throw new LogTamperedException(position, "unknown record kind");
                    }
                    extra.visit(position, outer, prepared);
                });
        VerifyReport report = new VerifyReport(result.documents(), result.records(), events[0], ring.liveStreams(),
                ring.shreddedStreams(), events[1], anchor.count(), result.recoveredTorn(),
                result.tornTailPosition() >= 0 ? OptionalLong.of(result.tornTailPosition()) : OptionalLong.empty(),
                result.intact() ? OptionalLong.empty() : OptionalLong.of(result.tamperedAt()),
                result.condition());
        return new Walk(result, report, anchor, tombstoned);
    }

    /** Flushes, writes the final anchor, stops the writer and followers, closes the queue. */
    @Override
    public void close() throws IOException {
        // Before any key is wiped (here, and the key ring's by the vault after): opening a sealed record fails from now.
        closeCalled = true;
        if (closed && writer == null) {
            return;
        }
        try {
            if (writer != null && !closed) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                tasks.add(new Close(done));
                closed = true;
                done.join();
            }
            if (writer != null) {
                writer.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IOException("log writer failed while closing", e.getCause());
        } finally {
            closed = true;
            // An append that raced the close and was queued after the writer's last drain: it is not written;
            // its future fails instead of never completing.
            if (writer == null || !writer.isAlive()) {
                failPending(new IllegalStateException("log is closed"));
            }
            sealers.clear();
            subscribers.forEach(LogSubscription::close);
            queue.close();
            Crypto.wipe(logKey);
            Crypto.wipe(chainKey);
        }
        if (writerFailure != null) {
            throw new IOException("log writer failed", writerFailure);
        }
    }

    @Override
    public String toString() {
        return "EventLog[" + (readOnly ? "read-only" : "read-write") + "]";
    }
}
