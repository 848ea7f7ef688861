package dev.sotto.vectors.otr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Drives the C libotr peer (src/test/c/libotr/otrpeer.c) over its stdin/stdout line protocol. */
public final class LibotrPeer implements AutoCloseable {

    static final String ACCOUNT = "libotr@sotto.test";

    private final Process process;
    private final BufferedReader in;
    private final Writer out;
    public final String fingerprint;

    public LibotrPeer(Path harness, Path dir, int fixtureKey) throws IOException {
        Path key = dir.resolve("key.priv");
        Files.writeString(key, OtrTestKeys.libotrKeyFile(fixtureKey, "xmpp", ACCOUNT, "bench-a", "bench-b"));
        process = new ProcessBuilder(harness.toString(), key.toString(), dir.resolve("instags.txt").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String fp = null;
        for (String line = in.readLine(); line != null && !line.equals("READY"); line = in.readLine()) {
            if (line.startsWith("FP ")) {
                fp = line.substring(3);
            }
        }
        fingerprint = fp;
    }

    /** Sends one command and returns its output lines (unescaped payloads), up to DONE. */
    public List<String> command(String name, String arg) {
        try {
            out.write(name + (arg == null ? "" : " " + escape(arg)) + "\n");
            out.flush();
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("DONE")) {
                    return lines;
                }
                lines.add(unescape(line));
            }
            throw new IllegalStateException("libotr peer exited");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> command(String name) {
        return command(name, null);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (RuntimeException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
