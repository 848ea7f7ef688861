package dev.sotto.codecs.xmpp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.xml.XmlLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Issue 4: arbitrary bytes in arbitrary chunks. Nothing may be thrown (the decoder has no exception of its own
 * for input: DESIGN.md, Decoders), the chunked outcome must equal the whole-input outcome, consumed counts must
 * stay within the input, and small limits keep every buffer small (Jazzer reports an OOM or a timeout as a
 * finding). Plain {@code mvn test} replays the committed corpus.
 */
class XmppStreamDecoderFuzzTest {
    private static final XmlLimits SMALL = new XmlLimits(4096, 16, 16, 64);

    @FuzzTest(maxDuration = "10s")
    void arbitraryBytesInArbitraryChunks(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        boolean small = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();
        XmlLimits limits = small ? SMALL : XmlLimits.DEFAULTS;
        String whole = run(input, limits, new int[] {input.length});
        Random r = new Random(seed);
        List<Integer> sizes = new ArrayList<>();
        for (int left = input.length; left > 0; ) {
            int n = Math.min(left, 1 + r.nextInt(16));
            sizes.add(n);
            left -= n;
        }
        String chunked = run(input, limits, sizes.stream().mapToInt(Integer::intValue).toArray());
        if (!whole.equals(chunked)) {
            throw new AssertionError("chunked decoding differs from whole decoding");
        }
    }

    /** A summary of the outcome that is equal for equal outcomes (events compared through records' equals). */
    private static String run(byte[] input, XmlLimits limits, int[] sizes) {
        XmppStreamDecoder d = new XmppStreamDecoder(limits);
        List<Object> events = new ArrayList<>();
        int at = 0;
        outer:
        for (int size : sizes) {
            byte[] chunk = Arrays.copyOfRange(input, at, at + size);
            at += size;
            int pos = 0;
            while (pos < chunk.length) {
                DecodeResult<StreamEvent> res = d.decode(chunk, pos, chunk.length - pos);
                if (res instanceof DecodeResult.Ok<StreamEvent> ok) {
                    if (ok.consumed() <= 0 || ok.consumed() > chunk.length - pos) {
                        throw new AssertionError("consumed out of range");
                    }
                    events.add(ok.value());
                    pos += ok.consumed();
                } else if (res instanceof DecodeResult.Malformed<StreamEvent> m) {
                    if (m.offset() < 0 || m.offset() >= input.length) {
                        throw new AssertionError("offset out of range");
                    }
                    events.add(m);
                    break outer;
                } else {
                    break;
                }
            }
        }
        return events.toString() + events.hashCode();
    }
}
