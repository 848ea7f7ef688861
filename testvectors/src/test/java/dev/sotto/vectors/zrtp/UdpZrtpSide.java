package dev.sotto.vectors.zrtp;

import dev.sotto.engine.sansio.Input;
import dev.sotto.engine.sansio.Output;
import dev.sotto.engine.sansio.Outputs;
import dev.sotto.engine.zrtp.ZrtpEndpoint;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A minimal adapter for the interop tests: one {@link ZrtpEndpoint} on a loopback UDP socket, timers kept in a map
 * and fired from the receive loop, events collected.
 */
final class UdpZrtpSide implements AutoCloseable {

    final DatagramSocket socket;
    final List<Object> events = new ArrayList<>();
    private final Map<String, Long> timers = new HashMap<>();
    private ZrtpEndpoint endpoint;
    private InetSocketAddress peer;
    /** Rewrites outgoing datagrams (tamper tests); identity by default. */
    java.util.function.UnaryOperator<byte[]> tamper = java.util.function.UnaryOperator.identity();

    UdpZrtpSide() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return socket.getLocalPort();
    }

    void start(ZrtpEndpoint endpoint, int peerPort) throws IOException {
        this.endpoint = endpoint;
        this.peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), peerPort);
        apply(endpoint.start(System.nanoTime()));
    }

    /** Receives and fires timers until {@code done} holds or {@code timeoutMillis} passed. */
    void runUntil(BooleanSupplier done, long timeoutMillis) throws IOException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000L;
        byte[] buffer = new byte[4096];
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            long now = System.nanoTime();
            String due = null;
            long next = end;
            for (Map.Entry<String, Long> t : timers.entrySet()) {
                if (t.getValue() <= now) {
                    due = t.getKey();
                } else {
                    next = Math.min(next, t.getValue());
                }
            }
            if (due != null) {
                timers.remove(due);
                apply(endpoint.handle(new Input.TimerFired(due), now));
                continue;
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(20, (next - now) / 1_000_000L)));
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            apply(endpoint.handle(new Input.Received(Arrays.copyOf(p.getData(), p.getLength())), System.nanoTime()));
        }
    }

    void apply(Outputs outputs) throws IOException {
        for (Output o : outputs.list()) {
            if (o instanceof Output.Send s) {
                byte[] bytes = tamper.apply(s.bytes().clone());
                socket.send(new DatagramPacket(bytes, bytes.length, peer));
            } else if (o instanceof Output.ArmTimer t) {
                timers.put(t.id(), t.deadline());
            } else if (o instanceof Output.CancelTimer c) {
                timers.remove(c.id());
            } else if (o instanceof Output.Emit e) {
                events.add(e.event());
            }
        }
    }

    /** CRC-32C over header and message (RFC 6189 §5), least significant octet first as on the wire. */
    static void recomputeCrc(byte[] packet) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(packet, 0, packet.length - 4);
        long c = crc.getValue();
        for (int i = 0; i < 4; i++) {
            packet[packet.length - 4 + i] = (byte) (c >>> (8 * i));
        }
    }

    <T> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        socket.close();
    }
}
