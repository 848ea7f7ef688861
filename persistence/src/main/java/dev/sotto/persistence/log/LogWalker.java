package dev.sotto.persistence.log;

import dev.sotto.persistence.proto.OuterRecord;
import java.security.MessageDigest;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Walks the queue from its first document, authenticating each record against the chain, and decides
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

    /** Receives each authenticated record in order. */
    interface Visitor {
        void visit(long position, OuterRecord outer) throws LogTamperedException;
    }

    /** Outcome of a walk. {@code tamperedAt} is -1 when the chain verified. */
    record Result(long documents, long records, byte[] chainHead, long tornTailAt, long recoveredTorn,
                  long tamperedAt, String condition) {
        boolean intact() {
            return tamperedAt < 0;
        }

        LogTamperedException toException() {
            return new LogTamperedException(tamperedAt, condition);
        }
    }

    private LogWalker() {}

    /** Walks positions [0, limit); the end-of-log checks apply only when the walk reaches the real end. */
    static Result walk(ChronicleQueue queue, RecordCodec codec, byte[] genesis, long anchorCount, byte[] anchorHead,
                       long limit, Visitor visitor) {
        byte[] chain = genesis;
        long position = 0;
        long records = 0;
        long recovered = 0;
        long pendingFailure = -1;
        String pendingCondition = null;
        try (ExcerptTailer tailer = queue.createTailer()) {
            {
                while (true) {
                    if (position >= limit && pendingFailure < 0) {
                        return new Result(position, records, chain, -1, recovered, -1, null);
                    }
                    byte[] record;
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (!dc.isPresent()) {
                            break;
                        }
                        Bytes<?> bytes = dc.wire().bytes();
                        long n = bytes.readRemaining();
                        if (n > RecordCodec.MAX_RECORD_BYTES) {
                            record = null;
                        } else {
                            record = new byte[(int) n];
                            bytes.read(record);
                        }
                    }
                    OuterRecord outer = null;
                    String failure = null;
                    if (record == null) {
                        failure = "record too long";
                    } else {
                        try {
                            outer = codec.openOuter(record, chain);
                        } catch (RecordException e) {
                            failure = e.getMessage();
                        }
                    }
                    if (failure != null) {
                        if (pendingFailure >= 0) {
                            return tampered(position, records, chain, pendingFailure, pendingCondition);
                        }
                        pendingFailure = position;
                        pendingCondition = failure;
                    } else {
                        boolean ack = outer.getKind() == OuterRecord.Kind.TORN_ACK;
                        if (pendingFailure >= 0) {
                            if (!ack || outer.getTornPosition() != pendingFailure) {
                                return tampered(position, records, chain, pendingFailure, pendingCondition);
                            }
                            recovered++;
                            pendingFailure = -1;
                        } else if (ack) {
                            return tampered(position, records, chain, position, "acknowledges a torn record that is not there");
                        }
                        chain = codec.chain(chain, record);
                        records++;
                        visitor.visit(position, outer);
                    }
                    position++;
                    if (position == anchorCount && anchorHead != null && !MessageDigest.isEqual(chain, anchorHead)) {
                        return tampered(position, records, chain, position - 1, "chain head disagrees with the key ring's anchor");
                    }
                }
            }
        } catch (LogTamperedException e) {
            return new Result(position, records, chain, -1, recovered, e.position(), e.condition());
        } catch (RuntimeException | InternalError e) {
            // Chronicle itself refused the file (a damaged header or index): the queue is not what we wrote.
            // InternalError is how the JVM reports a SIGBUS in a mapped read past the file's end, which a
            // damaged length field causes; it leaves the JVM sound.
            return tampered(position, records, chain, position, "queue file unreadable (" + e.getClass().getSimpleName() + ")");
        }
        if (position < anchorCount) {
            return tampered(position, records, chain, position,
                    "log truncated: " + position + " records, the key ring's anchor says " + anchorCount);
        }
        if (pendingFailure >= 0) {
            if (pendingFailure < anchorCount) {
                return tampered(position, records, chain, pendingFailure, pendingCondition);
            }
            return new Result(position, records, chain, pendingFailure, recovered, -1, null);
        }
        return new Result(position, records, chain, -1, recovered, -1, null);
    }

    private static Result tampered(long documents, long records, byte[] chain, long at, String condition) {
        return new Result(documents, records, chain, -1, 0, at, condition);
    }
}
