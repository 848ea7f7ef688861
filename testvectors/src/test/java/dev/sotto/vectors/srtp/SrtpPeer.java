package dev.sotto.vectors.srtp;

import dev.sotto.engine.srtp.SrtpProfile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The libsrtp2 harness ({@code src/test/c/libsrtp/srtp_peer.c}) as a child process: one inbound session
 * (unprotects what we send it) and one outbound session, driven over its stdin/stdout.
 */
public final class SrtpPeer implements AutoCloseable {

    /** libsrtp's srtp_err_status_ok. */
    static final int OK = 0;

    /** A response: libsrtp's status and the resulting packet (empty unless OK). */
    record Reply(int status, byte[] packet) {
        boolean ok() {
            return status == OK;
        }
    }

    private final Process process;
    private final DataOutputStream in;
    private final DataInputStream out;

    public SrtpPeer(Path executable, SrtpProfile profile, byte[] inboundKeyAndSalt, byte[] outboundKeyAndSalt, int window)
            throws IOException {
        process = new ProcessBuilder(executable.toString(), profile.name(), HexFormat.of().formatHex(inboundKeyAndSalt),
                HexFormat.of().formatHex(outboundKeyAndSalt), Integer.toString(window))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        out = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    Reply protectRtp(byte[] packet) throws IOException {
        return call('p', packet);
    }

    Reply unprotectRtp(byte[] packet) throws IOException {
        return call('u', packet);
    }

    Reply protectRtcp(byte[] packet) throws IOException {
        return call('P', packet);
    }

    Reply unprotectRtcp(byte[] packet) throws IOException {
        return call('U', packet);
    }

    /**
     * Benchmark requests: mode 2 prepares fresh sessions and {@code count} protected packets (untimed), then
     * mode 0 times {@code count} protects and mode 1 times unprotecting the prepared packets, all of 172-octet
     * RTP packets; answers libsrtp's own nanoseconds.
     */
    public long bench(int mode, int count) throws IOException {
        byte[] request = {(byte) mode, (byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8), (byte) count};
        Reply r = call('b', request);
        if (!r.ok()) {
            throw new IOException("srtp_peer bench failed with status " + r.status());
        }
        long ns = 0;
        for (byte b : r.packet()) {
            ns = (ns << 8) | (b & 0xff);
        }
        return ns;
    }

    private Reply call(char op, byte[] data) throws IOException {
        in.writeByte(op);
        in.writeShort(data.length);
        in.write(data);
        in.flush();
        int status = out.readUnsignedByte();
        int length = out.readUnsignedShort();
        byte[] packet = new byte[length];
        out.readFully(packet);
        return new Reply(status, status == OK ? packet : Arrays.copyOf(packet, 0));
    }

    @Override
    public void close() throws IOException {
        try {
            in.writeByte('q');
            in.writeShort(0);
            in.flush();
        } catch (IOException ignored) {
            // The peer may be gone already; it is stopped below either way.
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
