package dev.sotto.persistence.log;

import dev.sotto.persistence.proto.OuterRecord;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Walks the queue from its first document, authenticating each record against the chain (either record
 * format: {@link RecordCodec} says what "against the chain" means for each), and decides
 * what a failure means:
 *
 * <ul>
 *   <li>a failed document followed by a {@code TORN_ACK} naming it: a torn record the writer already
 *       recovered from (skipped);</li>
 *   <li>a failed last document at or past the anchor: a torn tail (crash mid-append), reported;</li>
 *   <li>anything else (a failure below the anchor, two failures in a row, fewer records than the anchor,
 *       a chain head that disagrees with the anchor): tampering.</li>
 * </ul>
 *
 * A torn record at the Chronicle level (header never completed) is invisible to tailers, so in practice a
 * SIGKILL leaves no failed document at all; the acknowledgement handles a power loss that left garbage.
 */
final class LogWalker {

    /**
     * Receives each authenticated record in order, with what the {@link Preparer} made of it, and its position. A
     * format-3 batch is handed out as its events, one call each at consecutive positions; every other record
     * (and every failed document) takes one position, so in formats 1 and 2 a position is a document's index.
     */
    interface Visitor {
        void visit(long position, OuterRecord outer, Object prepared) throws LogTamperedException;
    }

    /**
     * Per-record work that does not depend on order (decrypting the inner layer), run on the same worker
     * as the record's outer authentication. Must not throw: failures are returned as values.
     */
    interface Preparer {
        Object prepare(RecordCodec codec, OuterRecord outer, byte[] record);
    }

    static final Preparer NOTHING = (codec, outer, record) -> null;

    /**
     * Outcome of a walk. {@code documents}, {@code records} and {@code tornTailAt} count documents (what anchors and
     * torn-record acknowledgements name); {@code positions}, {@code tornTailPosition} and {@code tamperedAt} are
     * positions as appends return them (see {@link Visitor}). {@code tamperedAt} is -1 when the chain verified.
     */
    record Result(long documents, long records, long positions, byte[] chainHead, long tornTailAt, long tornTailPosition,
                  long recoveredTorn, long tamperedAt, String condition) {
        boolean intact() {
            return tamperedAt < 0;
        }

        LogTamperedException toException() {
            return new LogTamperedException(tamperedAt, condition);
        }
    }

    /** Documents read and authenticated together; big enough to amortize the hand-off to the workers. */
    static final int BATCH = 1024;
    /**
     * A batch also ends once it holds this many bytes: format 3 records hold up to 64 KiB of events each, and a walk
     * keeps two batches in memory (the one being applied and the one read ahead).
     */
    static final int BATCH_BYTES = 4 << 20;
    /** Below this, a batch is authenticated on the calling thread. */
    static final int PARALLEL_THRESHOLD = 64;
    /** Records per unit of work handed out to a worker or taken by the reading thread. */
    static final int CHUNK = 64;

    private LogWalker() {}

    /** One document of a batch and what the workers made of it (speculatively: assuming no failure before it). */
    private static final class Slot {
        byte[] record;          // null when the document is too long to be ours
        byte[] previousChain;   // the chain value this record must have been sealed against, if all before it verify
        byte[] chainAfter;
        OuterRecord outer;
        String failure;
        Object prepared;
        String unreadable;      // not a document: Chronicle failed here (always the last slot of its batch)
    }

    /**
     * Walks positions [0, limit); the end-of-log checks apply only when the walk reaches the real end.
     *
     * <p>The chain is a sequence, but authenticating a record only needs its predecessor's chain value,
     * which is an HMAC over bytes already read. So each batch computes the chain values first (cheap,
     * sequential), authenticates and prepares the records in parallel, then applies the verdicts in order.
     * After a failure the speculation is void and the rest of the batch is redone in order. Batches are
     * pipelined: while a worker opens batch k, the reading thread reads and chains batch k+1, then helps
     * with what is left of batch k. A slot whose speculative chain value turns out wrong (a failure in an
     * earlier batch) is redone against the real one before its verdict is used.
     */
    static Result walk(ChronicleQueue queue, Supplier<RecordCodec> codecs, byte[] genesis, long anchorCount, byte[] anchorHead,
                       long limit, Preparer preparer, Visitor visitor) {
        ExcerptTailer tailer;
        try {
            tailer = queue.createTailer();
        } catch (RuntimeException | InternalError e) {
            // Chronicle refused the file (see the walk below).
            return tampered(0, 0, 0, genesis, 0, "queue file unreadable (" + e.getClass().getSimpleName() + ")");
        }
        Result result = walk(() -> next(tailer), codecs, genesis, anchorCount, anchorHead, limit, preparer, visitor);
        try {
            tailer.close();
        } catch (RuntimeException | InternalError e) {
            // As when the walk itself fails to read: the queue is not what we wrote (reported where the walk ended).
            if (result.intact()) {
                return tampered(result.documents(), result.records(), result.positions(), result.chainHead(),
                        result.positions(), "queue file unreadable (" + e.getClass().getSimpleName() + ")");
            }
        }
        return result;
    }

    /**
     * Where a walk's documents come from: the queue's tailer, or (the start-up's warm-up, {@link LogWarmUp}) records
     * made in memory. {@link #next} returns the next document's bytes, {@link #TOO_LONG} for a document too long to
     * be a record of ours, or null at the end; it throws (a RuntimeException or an InternalError) when the document
     * cannot be read.
     */
    interface Documents {
        byte[] next();
    }

    /** {@link Documents#next}'s marker for a document longer than {@link RecordCodec#MAX_RECORD_BYTES}. */
    static final byte[] TOO_LONG = new byte[0];

    private static byte[] next(ExcerptTailer tailer) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            Bytes<?> bytes = dc.wire().bytes();
            long n = bytes.readRemaining();
            if (n > RecordCodec.MAX_RECORD_BYTES) {
                return TOO_LONG;
            }
            byte[] record = new byte[(int) n];
            bytes.read(record);
            return record;
        }
    }

    /** {@link #walk(ChronicleQueue, Supplier, byte[], long, byte[], long, Preparer, Visitor)} over any documents. */
    static Result walk(Documents documents, Supplier<RecordCodec> codecs, byte[] genesis, long anchorCount, byte[] anchorHead,
                       long limit, Preparer preparer, Visitor visitor) {
        RecordCodec codec = codecs.get();
        ThreadLocal<RecordCodec> workerCodecs = ThreadLocal.withInitial(codecs);
        byte[] chain = genesis;
        long position = 0;
        long events = 0;
        long records = 0;
        long recovered = 0;
        long pendingFailure = -1;
        long pendingFailureAt = -1;
        String pendingCondition = null;
        try {
            // Read ahead: `next` is always the batch after the one being applied, already chained and opening.
            long readPosition = position;
            byte[] speculativeChain = chain;
            List<Slot> next = List.of();
            OpenJob nextJob = null;
            if (limit > 0) {
                next = read(documents, (int) Math.max(1, Math.min(BATCH, limit)));
                readPosition += next.size();
                speculativeChain = chainAhead(next, speculativeChain, codec);
                nextJob = OpenJob.start(next, codec, workerCodecs, preparer);
            }
            while (true) {
                if (position >= limit && pendingFailure < 0) {
                    return new Result(position, records, events, chain, -1, -1, recovered, -1, null);
                }
                List<Slot> batch = next;
                OpenJob job = nextJob;
                if (batch.isEmpty()) {
                    if (position >= limit) {
                        // A failure pending at the limit: one more document decides whether it was acknowledged.
                        batch = read(documents, 1);
                        readPosition += batch.size();
                        chainAhead(batch, chain, codec);
                        job = OpenJob.start(batch, codec, workerCodecs, preparer);
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                    next = List.of();
                    nextJob = null;
                } else if (readPosition < limit && !endsUnreadable(batch)) {
                    next = read(documents, (int) Math.min(BATCH, limit - readPosition));
                    readPosition += next.size();
                    speculativeChain = chainAhead(next, speculativeChain, codec);
                    nextJob = OpenJob.start(next, codec, workerCodecs, preparer);
                } else {
                    next = List.of();
                    nextJob = null;
                }
                job.help();
                boolean speculationHolds = true;
                for (Slot slot : batch) {
                    if (slot.unreadable != null) {
                        return tampered(position, records, events, chain, events, slot.unreadable);
                    }
                    if (!speculationHolds || !MessageDigest.isEqual(slot.previousChain, chain)) {
                        speculationHolds = false;
                        authenticate(slot, chain, codec, preparer);
                    }
                    long docStart = events;
                    if (slot.failure != null) {
                        if (pendingFailure >= 0) {
                            return tampered(position, records, events, chain, pendingFailureAt, pendingCondition);
                        }
                        pendingFailure = position;
                        pendingFailureAt = events;
                        pendingCondition = slot.failure;
                        speculationHolds = false;
                        events++;
                    } else {
                        OuterRecord outer = slot.outer;
                        boolean ack = outer.getKind() == OuterRecord.Kind.TORN_ACK;
                        if (pendingFailure >= 0) {
                            if (!ack || outer.getTornPosition() != pendingFailure) {
                                return tampered(position, records, events, chain, pendingFailureAt, pendingCondition);
                            }
                            recovered++;
                            pendingFailure = -1;
                        } else if (ack) {
                            return tampered(position, records, events, chain, events, "acknowledges a torn record that is not there");
                        }
                        chain = slot.chainAfter;
                        records++;
                        if (outer.getKind() == OuterRecord.Kind.EVENT_BATCH) {
                            Object[] prepared = (Object[]) slot.prepared;
                            for (int i = 0; i < prepared.length; i++) {
                                visitor.visit(events++, outer.getEvents(i), prepared[i]);
                            }
                        } else {
                            visitor.visit(events++, outer, slot.prepared);
                        }
                    }
                    position++;
                    if (position == anchorCount && anchorHead != null && !MessageDigest.isEqual(chain, anchorHead)) {
                        return tampered(position, records, events, chain, docStart, "chain head disagrees with the key ring's anchor");
                    }
                }
            }
        } catch (LogTamperedException e) {
            return new Result(position, records, events, chain, -1, -1, recovered, e.position(), e.condition());
        } catch (RuntimeException | InternalError e) {
            // Chronicle itself refused the file (a damaged header or index): the queue is not what we wrote.
            // InternalError is how the JVM reports a SIGBUS in a mapped read past the file's end, which a
            // damaged length field causes; it leaves the JVM sound.
            return tampered(position, records, events, chain, events, "queue file unreadable (" + e.getClass().getSimpleName() + ")");
        }
        if (position < anchorCount) {
            return tampered(position, records, events, chain, events,
                    "log truncated: " + position + " records, the key ring's anchor says " + anchorCount);
        }
        if (pendingFailure >= 0) {
            if (pendingFailure < anchorCount) {
                return tampered(position, records, events, chain, pendingFailureAt, pendingCondition);
            }
            return new Result(position, records, events, chain, pendingFailure, pendingFailureAt, recovered, -1, null);
        }
        return new Result(position, records, events, chain, -1, -1, recovered, -1, null);
    }

    /**
     * Reads up to {@code max} documents. When Chronicle refuses the file mid-batch, the batch ends with an
     * {@link Slot#unreadable} marker at that document, so the failure is reported at its own position once
     * the walk gets there (reading runs a batch ahead of verifying).
     */
    private static List<Slot> read(Documents documents, int max) {
        List<Slot> batch = new ArrayList<>(Math.min(max, BATCH));
        long bytes = 0;
        try {
            while (batch.size() < max && bytes < BATCH_BYTES) {
                byte[] record = documents.next();
                if (record == null) {
                    break;
                }
                Slot slot = new Slot();
                if (record != TOO_LONG) {
                    slot.record = record;
                    bytes += record.length;
                }
                batch.add(slot);
            }
        } catch (RuntimeException | InternalError e) {
            // Chronicle itself refused the file (a damaged header or index): the queue is not what we wrote.
            // InternalError is how the JVM reports a SIGBUS in a mapped read past the file's end, which a
            // damaged length field causes; it leaves the JVM sound.
            Slot marker = new Slot();
            marker.unreadable = "queue file unreadable (" + e.getClass().getSimpleName() + ")";
            batch.add(marker);
        }
        return batch;
    }

    private static boolean endsUnreadable(List<Slot> batch) {
        return !batch.isEmpty() && batch.get(batch.size() - 1).unreadable != null;
    }

    /** Chain values in order, assuming every record verifies; returns the chain value after the batch. */
    private static byte[] chainAhead(List<Slot> batch, byte[] chain, RecordCodec codec) {
        byte[] c = chain;
        for (Slot slot : batch) {
            slot.previousChain = c;
            if (slot.record != null) {
                c = codec.chain(c, slot.record);
                slot.chainAfter = c;
            }
        }
        return c;
    }

    /**
     * Opening one batch (against the speculative chain values), in chunks that a pool worker and the
     * reading thread take from a shared counter, so whichever thread is free does the next chunk.
     */
    private static final class OpenJob implements Runnable {
        private final List<Slot> batch;
        private final ThreadLocal<RecordCodec> codecs;
        private final Preparer preparer;
        private final int chunks;
        private final AtomicInteger nextChunk = new AtomicInteger();
        private int doneChunks; // guarded by this

        private OpenJob(List<Slot> batch, ThreadLocal<RecordCodec> codecs, Preparer preparer) {
            this.batch = batch;
            this.codecs = codecs;
            this.preparer = preparer;
            this.chunks = (batch.size() + CHUNK - 1) / CHUNK;
        }

        /** Small batches are opened right here; larger ones also go to a pool worker. */
        static OpenJob start(List<Slot> batch, RecordCodec codec, ThreadLocal<RecordCodec> codecs, Preparer preparer) {
            OpenJob job = new OpenJob(batch, codecs, preparer);
            if (batch.size() < PARALLEL_THRESHOLD) {
                for (Slot slot : batch) {
                    open(slot, slot.previousChain, codec, preparer);
                }
                job.nextChunk.set(job.chunks);
                job.doneChunks = job.chunks;
            } else {
                ForkJoinPool.commonPool().execute(job);
            }
            return job;
        }

        @Override
        public void run() {
            RecordCodec codec = codecs.get();
            int done = 0;
            int chunk;
            while ((chunk = nextChunk.getAndIncrement()) < chunks) {
                int end = Math.min(batch.size(), (chunk + 1) * CHUNK);
                for (int i = chunk * CHUNK; i < end; i++) {
                    Slot slot = batch.get(i);
                    open(slot, slot.previousChain, codec, preparer);
                }
                done++;
            }
            if (done > 0) {
                synchronized (this) {
                    doneChunks += done;
                    if (doneChunks == chunks) {
                        notifyAll();
                    }
                }
            }
        }

        /** Takes the chunks nobody has started, then waits for the rest; afterwards every slot is opened. */
        void help() {
            run();
            boolean interrupted = false;
            synchronized (this) {
                while (doneChunks < chunks) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Redo one record against the real chain value (after a failure voided the speculation). */
    private static void authenticate(Slot slot, byte[] chain, RecordCodec codec, Preparer preparer) {
        slot.previousChain = chain;
        slot.outer = null;
        slot.failure = null;
        slot.prepared = null;
        slot.chainAfter = slot.record == null ? null : codec.chain(chain, slot.record);
        open(slot, chain, codec, preparer);
    }

    private static void open(Slot slot, byte[] previousChain, RecordCodec codec, Preparer preparer) {
        if (slot.unreadable != null) {
            return;
        }
        if (slot.record == null) {
            slot.failure = "record too long";
            return;
        }
        try {
            slot.outer = codec.openOuter(slot.record, previousChain, slot.chainAfter);
            if (slot.outer.getKind() == OuterRecord.Kind.EVENT_BATCH) {
                Object[] prepared = new Object[slot.outer.getEventsCount()];
                for (int i = 0; i < prepared.length; i++) {
                    prepared[i] = preparer.prepare(codec, slot.outer.getEvents(i), slot.record);
                }
                slot.prepared = prepared;
            } else {
                slot.prepared = preparer.prepare(codec, slot.outer, slot.record);
            }
        } catch (RecordException e) {
            slot.failure = e.getMessage();
        }
    }

    private static Result tampered(long documents, long records, long positions, byte[] chain, long at, String condition) {
        return new Result(documents, records, positions, chain, -1, -1, 0, at, condition);
    }
}
