package dev.sotto.engine.zrtp;

import static dev.sotto.engine.zrtp.ZrtpEndpointTest.CLOCK;
import static dev.sotto.engine.zrtp.ZrtpEndpointTest.seeded;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.engine.event.ZrtpError;
import dev.sotto.engine.sansio.Input;
import dev.sotto.engine.sansio.Output;
import dev.sotto.engine.sansio.Outputs;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer target over a live endpoint's receive path. A recorded X25519 handshake is replayed into a fresh,
 * deterministic endpoint (the initiator or the responder) up to a phase chosen by the input, then the input is
 * delivered raw, with its CRC fixed, and spliced into the next real packet (CRC fixed) so it reaches the protocol
 * checks behind the CRC. Nothing may be thrown and no internal error may surface.
 *
 * <p>Input layout: octet 0 selects side (bit 7) and phase (low bits); the rest is the payload. The committed
 * corpus holds, for every phase of both sides, the real packet that comes next.
 */
class ZrtpEndpointFuzzTest {

    private static final ZrtpConfig CONFIG = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.X255));
    private static final byte[] ZID_A = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final byte[] ZID_B = {12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    private static final Recording RECORDING = record();

    /** The datagrams each side received in a clean handshake, in order. */
    private record Recording(List<byte[]> toA, List<byte[]> toB) {}

    private static ZrtpEndpoint initiator() {
        return ZrtpEndpoint.create(CONFIG, new InMemoryZidCache(ZID_A), 0x1111, seeded(501), CLOCK);
    }

    private static ZrtpEndpoint responder() {
        return ZrtpEndpoint.create(CONFIG.withPassive(true), new InMemoryZidCache(ZID_B), 0x2222, seeded(502), CLOCK);
    }

    private static Recording record() {
        ZrtpLink l = new ZrtpLink(initiator(), responder());
        l.start();
        l.run(5_000_000_000L);
        if (!l.a.endpoint.isSecure() || !l.b.endpoint.isSecure()) {
            throw new IllegalStateException("the recorded handshake did not complete");
        }
        return new Recording(List.copyOf(l.b.sent), List.copyOf(l.a.sent));
    }

    @FuzzTest
    void receivePath(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean initiatorSide = (input[0] & 0x80) != 0;
        List<byte[]> script = initiatorSide ? RECORDING.toA() : RECORDING.toB();
        int phase = (input[0] & 0x7F) % (script.size() + 1);
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        for (int variant = 0; variant < 3; variant++) {
            ZrtpEndpoint e = initiatorSide ? initiator() : responder();
            long now = 1_000_000_000L;
            check(e.start(now));
            for (int i = 0; i < phase; i++) {
                check(e.handle(new Input.Received(script.get(i).clone()), now += 1_000_000L));
            }
            byte[] packet;
            if (variant == 0) {
                packet = payload;
            } else if (variant == 1) {
                packet = payload.length >= 16 ? ZrtpPackets.recomputeCrc(payload.clone()) : payload;
            } else {
                byte[] next = script.get(Math.min(phase, script.size() - 1)).clone();
                int at = payload.length > 0 ? 12 + (payload[0] & 0xFF) % Math.max(1, next.length - 16) : 12;
                System.arraycopy(payload, Math.min(1, payload.length), next, at,
                        Math.max(0, Math.min(payload.length - 1, next.length - 4 - at)));
                packet = ZrtpPackets.recomputeCrc(next);
            }
            check(e.handle(new Input.Received(packet), now += 1_000_000L));
            check(e.handle(new Input.TimerFired(ZrtpEndpoint.TIMER_T2), now += 200_000_000L));
        }
    }

    private static void check(Outputs out) {
        for (Output o : out.list()) {
            if (o instanceof Output.Emit emit && emit.event() instanceof ZrtpError err
                    && err.condition().equals("internal-error")) {
                throw new AssertionError("an exception escaped inside the endpoint");
            }
        }
    }
}
