package dev.sotto.vectors.zrtp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The libbzrtp harness ({@code src/test/c/bzrtp/bzrtp_peer.c}) as a child process: a ZRTP endpoint on loopback
 * UDP that prints one JSON object per line (ready, srtp, secure, status, exported, error...).
 */
final class BzrtpPeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final Object arrived = new Object();

    BzrtpPeer(Path executable, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    try {
                        lines.add(JSON.readTree(line));
                    } catch (IOException e) {
                        lines.add(JSON.createObjectNode().put("event", "unparsable").put("line", line));
                    }
                    synchronized (arrived) {
                        arrived.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "bzrtp-peer-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The first line with {@code "event": name}, if it arrived. */
    Optional<JsonNode> event(String name) {
        return lines.stream().filter(n -> name.equals(n.path("event").asText())).findFirst();
    }

    List<JsonNode> events(String name) {
        return lines.stream().filter(n -> name.equals(n.path("event").asText())).toList();
    }

    /** Whether any status line reported {@code status}. */
    boolean sawStatus(String status) {
        return events("status").stream().anyMatch(n -> status.equals(n.path("status").asText()));
    }

    /** Waits (woken by each new line, bounded) for the event {@code name}. */
    JsonNode await(String name, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (arrived) {
            while (true) {
                Optional<JsonNode> n = event(name);
                if (n.isPresent()) {
                    return n.get();
                }
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                arrived.wait(left);
            }
        }
        throw new AssertionError("bzrtp_peer did not print " + name + " within " + timeoutMillis + " ms: " + lines);
    }

    void command(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    List<JsonNode> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() throws IOException {
        try {
            process.getOutputStream().close(); // EOF on stdin ends the harness
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
