package dev.sotto.codecs.zrtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Truncation, byte flips, garbage and random round trips; every buffer layout gives the same answer. Seeded
 * loops print their seed; replay one with {@code -Dsotto.test.seed=N}.
 */
class ZrtpHostileInputTest {

    private final ZrtpDecoder decoder = new ZrtpDecoder(ZrtpLimits.DEFAULT);

    private static long seed() {
        String fixed = System.getProperty("sotto.test.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
        System.out.println("ZrtpHostileInputTest seed=" + seed + " (replay: -Dsotto.test.seed=" + seed + ")");
        return seed;
    }

    /** The datagram whole, one byte per component, at random splits and not at index 0. */
    private static List<ByteBuf> layouts(byte[] d, SplittableRandom r) {
        List<ByteBuf> out = new ArrayList<>();
        out.add(Unpooled.wrappedBuffer(d));
        CompositeByteBuf single = Unpooled.compositeBuffer(Math.max(2, d.length));
        for (byte b : d) {
            single.addComponent(true, Unpooled.wrappedBuffer(new byte[] {b}));
        }
        out.add(single);
        CompositeByteBuf parts = Unpooled.compositeBuffer(Math.max(2, d.length));
        int i = 0;
        while (i < d.length) {
            int len = 1 + r.nextInt(d.length - i);
            parts.addComponent(true, Unpooled.wrappedBuffer(d, i, len));
            i += len;
        }
        out.add(parts);
        ByteBuf offset = Unpooled.buffer().writeZero(5).writeBytes(d);
        offset.readerIndex(5);
        out.add(offset);
        return out;
    }

    /** Decodes every layout; they must agree; the array is untouched. */
    private DecodeResult<ZrtpPacket> decodeAll(byte[] d, SplittableRandom r, long seed) {
        byte[] before = d.clone();
        DecodeResult<ZrtpPacket> first = decoder.decode(d);
        assertThat(d).isEqualTo(before);
        for (ByteBuf layout : layouts(d, r)) {
            int reader = layout.readerIndex();
            DecodeResult<ZrtpPacket> other = decoder.decode(layout);
            assertThat(layout.readerIndex()).isEqualTo(reader);
            assertThat(summary(other)).as("seed " + seed).isEqualTo(summary(first));
        }
        assertThat(first).as("a datagram never needs more").isNotInstanceOf(DecodeResult.NeedMore.class);
        return first;
    }

    private static String summary(DecodeResult<ZrtpPacket> r) {
        if (r instanceof DecodeResult.Ok<ZrtpPacket> ok) {
            return "ok " + ok.consumed() + " " + Arrays.toString(ok.value().message().encode());
        }
        return r.toString();
    }

    private static byte[] withCrc(byte[] packetWithoutCrc) {
        byte[] out = Arrays.copyOf(packetWithoutCrc, packetWithoutCrc.length + 4);
        ZrtpCrc.write(ZrtpCrc.compute(out, 0, packetWithoutCrc.length), out, packetWithoutCrc.length);
        return out;
    }

    @Test
    void everySampleDecodesInEveryLayout() {
        long seed = seed();
        SplittableRandom r = new SplittableRandom(seed);
        for (ZrtpMessage m : ZrtpSamples.all()) {
            byte[] p = ZrtpSamples.packet(m);
            DecodeResult<ZrtpPacket> d = decodeAll(p, r, seed);
            assertThat(d).as(m.type().name()).isInstanceOf(DecodeResult.Ok.class);
            assertThat(((DecodeResult.Ok<ZrtpPacket>) d).value().message().encode()).isEqualTo(m.encode());
        }
    }

    @Test
    void truncationAtEveryLength() {
        long seed = seed();
        SplittableRandom r = new SplittableRandom(seed);
        for (ZrtpMessage m : ZrtpSamples.all()) {
            byte[] p = ZrtpSamples.packet(m);
            for (int len = 0; len < p.length; len++) {
                byte[] cut = Arrays.copyOf(p, len);
                assertThat(decodeAll(cut, r, seed)).as(m.type() + " cut at " + len)
                        .isInstanceOf(DecodeResult.Malformed.class);
                // The same cut with a CRC that matches: the structure checks must catch it.
                if (len >= 12 + 12) {
                    byte[] recrc = withCrc(Arrays.copyOf(p, len - 4));
                    DecodeResult<ZrtpPacket> d = decodeAll(recrc, r, seed);
                    if (len - 4 - 12 != m.encode().length) {
                        assertThat(d).as(m.type() + " re-CRC'd cut at " + len).isInstanceOf(DecodeResult.Malformed.class);
                        assertThat(((DecodeResult.Malformed<ZrtpPacket>) d).condition()).isNotEqualTo("bad-crc");
                    }
                }
            }
        }
    }

    @Test
    void everyByteFlipIsCaughtByTheCrcOrHeader() {
        long seed = seed();
        SplittableRandom r = new SplittableRandom(seed);
        for (ZrtpMessage m : ZrtpSamples.all()) {
            byte[] p = ZrtpSamples.packet(m);
            for (int i = 0; i < p.length; i++) {
                byte[] flipped = p.clone();
                flipped[i] ^= (byte) (1 << r.nextInt(8));
                DecodeResult<ZrtpPacket> d = decoder.decode(flipped);
                if (i == 0 && (flipped[0] & 0xF0) == 0x10) {
                    // One of the 4 unused low bits of the first octet: ignored, but the CRC still covers it.
                    assertThat(ZrtpDecoderTest.condition(d)).isEqualTo("bad-crc");
                    continue;
                }
                assertThat(d).as(m.type() + " flip at " + i).isInstanceOf(DecodeResult.Malformed.class);
                // Flipped and re-CRC'd: structure checks only; must never throw.
                byte[] recrc = withCrc(Arrays.copyOf(flipped, flipped.length - 4));
                decodeAll(recrc, r, seed);
            }
        }
    }

    @Test
    void garbageNeverThrows() {
        long seed = seed();
        SplittableRandom r = new SplittableRandom(seed);
        for (int n = 0; n < 3_000; n++) {
            byte[] g = new byte[r.nextInt(200)];
            r.nextBytes(g);
            decodeAll(g, r, seed);
            // Garbage inside a valid header and CRC, often with a valid preamble, length and type.
            byte[] body = new byte[4 * (3 + r.nextInt(40))];
            r.nextBytes(body);
            if (r.nextBoolean()) {
                body[0] = 0x50;
                body[1] = 0x5a;
                body[2] = (byte) (body.length / 4 >>> 8);
                body[3] = (byte) (body.length / 4);
                ZrtpMessageType t = ZrtpMessageType.values()[r.nextInt(ZrtpMessageType.values().length)];
                System.arraycopy(t.blockBytes(), 0, body, 4, 8);
            }
            byte[] head = new Layout().u8(0x10).u8(0).u16(1).u32(0x5a525450L).u32(2).bytes(body).build();
            DecodeResult<ZrtpPacket> d = decodeAll(withCrc(head), r, seed);
            if (d instanceof DecodeResult.Ok<ZrtpPacket> ok) {
                // What we accept we can write back, and it reads the same.
                byte[] again = new ZrtpPacket(1, 2, ok.value().message()).encode();
                DecodeResult<ZrtpPacket> d2 = decoder.decode(again);
                assertThat(((DecodeResult.Ok<ZrtpPacket>) d2).value().message().encode())
                        .as("seed " + seed).isEqualTo(ok.value().message().encode());
            }
            if (body.length >= 40 && r.nextBoolean()) {
                ConfirmPlaintext.decode(body, ZrtpLimits.DEFAULT);
                SasRelayPlaintext.decode(body, ZrtpLimits.DEFAULT);
            }
        }
    }

    @Test
    void randomMessagesRoundTrip() {
        long seed = seed();
        SplittableRandom r = new SplittableRandom(seed);
        for (int n = 0; n < 2_000; n++) {
            ZrtpMessage m = ZrtpSamples.random(r);
            int seq = r.nextInt(0x10000);
            long ssrc = r.nextLong(1L << 32);
            byte[] p = new ZrtpPacket(seq, ssrc, m).encode();
            DecodeResult<ZrtpPacket> d = decoder.decode(p);
            assertThat(d).as("seed " + seed + " " + m).isInstanceOf(DecodeResult.Ok.class);
            ZrtpPacket got = ((DecodeResult.Ok<ZrtpPacket>) d).value();
            assertThat(got.sequenceNumber()).isEqualTo(seq);
            assertThat(got.ssrc()).isEqualTo(ssrc);
            assertThat(got.message().type()).isEqualTo(m.type());
            assertThat(got.message().encode()).as("seed " + seed).isEqualTo(m.encode());
            assertThat(got.messageBytes()).isEqualTo(m.encode());

            ConfirmPlaintext c = ZrtpSamples.randomConfirm(r);
            DecodeResult<ConfirmPlaintext> cd = ConfirmPlaintext.decode(c.encode(), ZrtpLimits.DEFAULT);
            assertThat(((DecodeResult.Ok<ConfirmPlaintext>) cd).value().encode()).as("seed " + seed)
                    .isEqualTo(c.encode());
        }
    }
}
