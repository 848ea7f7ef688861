package dev.sotto.codecs.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.xml.XmlLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile delivery (DESIGN.md, Okio style): every input is decoded whole, one byte at a time and at random
 * splits, and all three must agree. Random splits use {@code -Dsotto.test.seed=} when given; the seed is part
 * of every failure message.
 */
final class Feeding {
    static final long SEED = Long.getLong("sotto.test.seed", System.nanoTime());

    /** What a decoder made of a whole input: the events and, if refused, the condition and offset. */
    record Outcome(List<StreamEvent> events, String condition, long offset) {
        boolean refused() {
            return condition != null;
        }
    }

    private Feeding() {}

    static Outcome decode(String xml) {
        return decode(xml.getBytes(StandardCharsets.UTF_8), XmlLimits.DEFAULTS);
    }

    static Outcome decode(byte[] input) {
        return decode(input, XmlLimits.DEFAULTS);
    }

    /** Decodes in the three ways and asserts they agree; returns the outcome. */
    static Outcome decode(byte[] input, XmlLimits limits) {
        Outcome whole = decodeChunked(input, limits, new int[] {input.length});
        int[] ones = new int[input.length];
        java.util.Arrays.fill(ones, 1);
        Outcome bytewise = decodeChunked(input, limits, ones);
        assertThat(bytewise).as("byte at a time").isEqualTo(whole);
        Random r = new Random(SEED ^ input.length);
        for (int round = 0; round < 3; round++) {
            Outcome split = decodeChunked(input, limits, randomSplits(r, input.length));
            assertThat(split).as("random splits, seed %d (-Dsotto.test.seed=%d)", SEED, SEED).isEqualTo(whole);
        }
        return whole;
    }

    static int[] randomSplits(Random r, int length) {
        List<Integer> sizes = new ArrayList<>();
        int left = length;
        while (left > 0) {
            int n = Math.min(left, 1 + r.nextInt(r.nextBoolean() ? 8 : 200));
            sizes.add(n);
            left -= n;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    static Outcome decodeChunked(byte[] input, XmlLimits limits, int[] chunkSizes) {
        XmppStreamDecoder d = new XmppStreamDecoder(limits);
        List<StreamEvent> events = new ArrayList<>();
        int at = 0;
        for (int size : chunkSizes) {
            // Each chunk is a fresh array: the decoder must not rely on earlier chunks being around.
            byte[] chunk = java.util.Arrays.copyOfRange(input, at, at + size);
            at += size;
            int pos = 0;
            while (pos < chunk.length) {
                DecodeResult<StreamEvent> res = d.decode(chunk, pos, chunk.length - pos);
                if (res instanceof DecodeResult.Ok<StreamEvent> ok) {
                    assertThat(ok.consumed()).isPositive();
                    events.add(ok.value());
                    pos += ok.consumed();
                } else if (res instanceof DecodeResult.Malformed<StreamEvent> m) {
                    return new Outcome(events, m.condition(), m.offset());
                } else {
                    break;
                }
            }
        }
        return new Outcome(events, null, -1);
    }
}
