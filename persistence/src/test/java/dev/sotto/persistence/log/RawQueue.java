package dev.sotto.persistence.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * What an attacker with file access can do to a log: read its documents as raw bytes and write a new
 * queue with documents removed, swapped, duplicated or invented. Uses the log's own queue layout.
 */
public final class RawQueue {
    /** A document's bytes and where they start in the data file. */
    public record Document(byte[] bytes, long fileOffset) {}

    private RawQueue() {}

    public static List<Document> read(Path logDir) {
        List<Document> docs = new ArrayList<>();
        try (SingleChronicleQueue q = EventLog.queueBuilder(logDir, true).build();
             ExcerptTailer tailer = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    long offset = b.readPosition();
                    byte[] bytes = new byte[(int) b.readRemaining()];
                    b.read(bytes);
                    docs.add(new Document(bytes, offset));
                }
            }
        }
        return docs;
    }

    /** Replaces the queue under logDir by one holding exactly these documents. */
    public static void rewrite(Path logDir, List<byte[]> documents) throws IOException {
        try (Stream<Path> files = Files.walk(logDir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
        append(logDir, documents);
    }

    public static void append(Path logDir, List<byte[]> documents) {
        try (SingleChronicleQueue q = EventLog.queueBuilder(logDir, false).build();
             ExcerptAppender appender = q.createAppender()) {
            for (byte[] d : documents) {
                appender.writeBytes(BytesStore.wrap(d));
            }
        }
    }

    /** The queue's data files (the cycle files, not the metadata). */
    public static List<Path> dataFiles(Path logDir) throws IOException {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /** Flips the lowest bit of the byte at {@code offset} of {@code file} (calling it again restores the byte). */
    public static void flip(Path file, long offset) throws IOException {
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x01);
        }
    }
}
