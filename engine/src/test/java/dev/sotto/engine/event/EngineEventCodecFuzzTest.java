package dev.sotto.engine.event;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Log payloads are authenticated, but a decoder still never throws anything but the documented
 * {@link IllegalArgumentException} on any bytes (DESIGN.md, Decoders), and what it decodes encodes again.
 * Plain {@code mvn test} replays the committed corpus (the golden events among it).
 */
class EngineEventCodecFuzzTest {
    private final EngineEventCodec codec = new EngineEventCodec();

    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        DurableEvent e;
        try {
            e = codec.decode(payload);
        } catch (IllegalArgumentException expected) {
            return;
        }
        DurableEvent again = codec.decode(codec.encode(e));
        if (!again.equals(e)) {
            throw new AssertionError("decode(encode(e)) != e for " + e.getClass().getSimpleName());
        }
    }
}
