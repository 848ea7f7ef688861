package dev.sotto.codecs.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The same datagram as one array, as one-byte components, and at random splits: a datagram has no framing
 * to resume, but a decoder must not depend on how the buffer holding it is laid out.
 */
final class Splits {

    private Splits() {}

    static long seed() {
        String fixed = System.getProperty("sotto.test.seed");
        return fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    }

    static List<ByteBuf> layouts(byte[] datagram, long seed) {
        List<ByteBuf> out = new ArrayList<>();
        out.add(Unpooled.wrappedBuffer(datagram));
        CompositeByteBuf single = Unpooled.compositeBuffer(Math.max(2, datagram.length));
        for (byte b : datagram) {
            single.addComponent(true, Unpooled.wrappedBuffer(new byte[] {b}));
        }
        out.add(single);
        SplittableRandom r = new SplittableRandom(seed);
        for (int n = 0; n < 5; n++) {
            CompositeByteBuf parts = Unpooled.compositeBuffer(Math.max(2, datagram.length));
            int i = 0;
            while (i < datagram.length) {
                int len = 1 + r.nextInt(datagram.length - i);
                parts.addComponent(true, Unpooled.wrappedBuffer(datagram, i, len));
                i += len;
            }
            out.add(parts);
        }
        // A datagram that does not start at index 0 of its buffer.
        ByteBuf offset = Unpooled.buffer().writeZero(7).writeBytes(datagram);
        offset.readerIndex(7);
        out.add(offset);
        return out;
    }
}
