package dev.sotto.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded properties over every profile: round trips across a sequence-number wrap with reordering and loss,
 * any flipped bit is rejected, replays are rejected, and the window slides as RFC 3711 §3.3.2 says.
 */
class SrtpPropertiesTest {

    private record Pair(SrtpCryptoContext sender, SrtpCryptoContext receiver) {}

    private static Pair pair(SrtpProfile profile, SplittableRandom r, SrtpConfig config) {
        byte[] key = Packets.masterKey(profile, r);
        byte[] salt = Packets.masterSalt(profile, r);
        return new Pair(SrtpCryptoContext.create(profile, key, salt, config),
                SrtpCryptoContext.create(profile, key, salt, config));
    }

    private static ByteBuf protect(SrtpCryptoContext c, byte[] plain) {
        ByteBuf b = Unpooled.buffer(plain.length + 32).writeBytes(plain);
        assertThat(c.protectRtp(b)).isEqualTo(SrtpStatus.OK);
        return b;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripAcrossWrapWithReorderingAndLoss(SrtpProfile profile) {
        long seed = Seeds.seed();
        SplittableRandom r = Seeds.random(seed);
        try {
            Pair p = pair(profile, r, SrtpConfig.DEFAULT);
            int ssrc = r.nextInt();
            int start = 65536 - 300 + r.nextInt(100);
            List<byte[]> plain = new ArrayList<>();
            List<byte[]> wire = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                byte[] packet = Packets.rtp(r, ssrc, (start + i) & 0xffff, r.nextInt(300));
                plain.add(packet);
                ByteBuf protectedPacket = protect(p.sender, packet);
                wire.add(ByteBufUtil.getBytes(protectedPacket));
                assertThat(protectedPacket.readableBytes()).isEqualTo(packet.length + profile.srtpTagLength());
            }
            // 5% of neighbours swapped, 5% lost.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < wire.size(); i++) {
                order.add(i);
            }
            for (int i = 0; i + 1 < order.size(); i++) {
                if (r.nextInt(20) == 0) {
                    Collections.swap(order, i, i + 1);
                    i++;
                }
            }
            for (int i : order) {
                if (r.nextInt(20) == 0) {
                    continue;
                }
                ByteBuf b = Unpooled.wrappedBuffer(wire.get(i).clone());
                assertThat(p.receiver.unprotectRtp(b)).as("packet %d", i).isEqualTo(SrtpStatus.OK);
                assertThat(ByteBufUtil.getBytes(b)).isEqualTo(plain.get(i));
            }
            assertThat(p.receiver.inboundRolloverCounter(ssrc)).isEqualTo(1);
            assertThat(p.receiver.count(SrtpStatus.AUTH_FAILED)).isZero();
        } catch (AssertionError e) {
            throw new AssertionError(Seeds.replay(seed) + ": " + e.getMessage(), e);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void anyFlippedBitIsRejectedAndDoesNotPoisonTheStream(SrtpProfile profile) {
        long seed = Seeds.seed();
        SplittableRandom r = Seeds.random(seed);
        try {
            Pair p = pair(profile, r, SrtpConfig.DEFAULT);
            int ssrc = r.nextInt();
            for (int i = 0; i < 200; i++) {
                byte[] packet = Packets.rtp(r, ssrc, (1000 + i) & 0xffff, r.nextInt(200));
                byte[] wire = ByteBufUtil.getBytes(protect(p.sender, packet));
                byte[] flipped = wire.clone();
                int bit = r.nextInt(flipped.length * 8);
                flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                SrtpStatus status = p.receiver.unprotectRtp(Unpooled.wrappedBuffer(flipped));
                assertThat(status).as("bit %d of %d", bit, wire.length * 8).isNotEqualTo(SrtpStatus.OK);
                ByteBuf good = Unpooled.wrappedBuffer(wire);
                assertThat(p.receiver.unprotectRtp(good)).isEqualTo(SrtpStatus.OK);
                assertThat(ByteBufUtil.getBytes(good)).isEqualTo(packet);
            }
            assertThat(p.receiver.count(SrtpStatus.OK)).isEqualTo(200);
        } catch (AssertionError e) {
            throw new AssertionError(Seeds.replay(seed) + ": " + e.getMessage(), e);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replaysAndPacketsBehindTheWindowAreRejected(SrtpProfile profile) {
        long seed = Seeds.seed();
        SplittableRandom r = Seeds.random(seed);
        try {
            Pair p = pair(profile, r, SrtpConfig.DEFAULT);
            int ssrc = r.nextInt();
            List<byte[]> wire = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                wire.add(ByteBufUtil.getBytes(protect(p.sender, Packets.rtp(r, ssrc, 65000 + i & 0xffff, 20))));
            }
            // Receive every other packet up to #300: the highest index is #300.
            for (int i = 0; i <= 300; i += 2) {
                assertThat(p.receiver.unprotectRtp(Unpooled.wrappedBuffer(wire.get(i).clone()))).isEqualTo(SrtpStatus.OK);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i <= 300; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new java.util.Random(r.nextLong()));
            for (int i : order) {
                SrtpStatus status = p.receiver.unprotectRtp(Unpooled.wrappedBuffer(wire.get(i).clone()));
                // The window holds the 128 indices up to the highest (RFC 3711 §3.3.2); #300 never moves.
                SrtpStatus expected = 300 - i >= 128 ? SrtpStatus.TOO_OLD
                        : i % 2 == 0 ? SrtpStatus.REPLAYED : SrtpStatus.OK;
                assertThat(status).as("packet %d", i).isEqualTo(expected);
            }
            for (int i = 173; i <= 300; i++) {
                assertThat(p.receiver.unprotectRtp(Unpooled.wrappedBuffer(wire.get(i).clone()))).as("packet %d", i)
                        .isEqualTo(SrtpStatus.REPLAYED);
            }
            // A newer packet slides the window: #301 pushes #173 out.
            assertThat(p.receiver.unprotectRtp(Unpooled.wrappedBuffer(wire.get(301).clone()))).isEqualTo(SrtpStatus.OK);
            assertThat(p.receiver.unprotectRtp(Unpooled.wrappedBuffer(wire.get(173).clone()))).isEqualTo(SrtpStatus.TOO_OLD);
            assertThat(p.receiver.unprotectRtp(Unpooled.wrappedBuffer(wire.get(174).clone()))).isEqualTo(SrtpStatus.REPLAYED);
        } catch (AssertionError e) {
            throw new AssertionError(Seeds.replay(seed) + ": " + e.getMessage(), e);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpRoundTripFlipAndReplay(SrtpProfile profile) {
        long seed = Seeds.seed();
        SplittableRandom r = Seeds.random(seed);
        try {
            for (boolean encrypt : new boolean[] {true, false}) {
                Pair p = pair(profile, r, SrtpConfig.DEFAULT.withEncryptSrtcp(encrypt));
                int ssrc = r.nextInt();
                for (int i = 0; i < 100; i++) {
                    byte[] plain = Packets.rtcp(r, ssrc);
                    ByteBuf b = Unpooled.buffer().writeBytes(plain);
                    assertThat(p.sender.protectRtcp(b)).isEqualTo(SrtpStatus.OK);
                    byte[] wire = ByteBufUtil.getBytes(b);
                    assertThat(wire.length).isEqualTo(plain.length + 4 + profile.srtcpTagLength());
                    int word = Unpooled.wrappedBuffer(wire).getInt(profile.isAead() ? wire.length - 4 : plain.length);
                    // RFC 3711 §3.4: E flag and the 31-bit SRTCP index, counting from 0.
                    assertThat(word).isEqualTo((encrypt ? 0x80000000 : 0) | i);
                    byte[] flipped = wire.clone();
                    int bit = r.nextInt(flipped.length * 8);
                    flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                    assertThat(p.receiver.unprotectRtcp(Unpooled.wrappedBuffer(flipped))).isNotEqualTo(SrtpStatus.OK);
                    ByteBuf in = Unpooled.wrappedBuffer(wire.clone());
                    assertThat(p.receiver.unprotectRtcp(in)).isEqualTo(SrtpStatus.OK);
                    assertThat(ByteBufUtil.getBytes(in)).isEqualTo(plain);
                    assertThat(p.receiver.unprotectRtcp(Unpooled.wrappedBuffer(wire.clone()))).isEqualTo(SrtpStatus.REPLAYED);
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError(Seeds.replay(seed) + ": " + e.getMessage(), e);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void directBuffersGiveTheSameBytes(SrtpProfile profile) {
        long seed = Seeds.seed();
        SplittableRandom r = Seeds.random(seed);
        Pair heap = pair(profile, Seeds.random(seed), SrtpConfig.DEFAULT);
        Pair direct = pair(profile, Seeds.random(seed), SrtpConfig.DEFAULT);
        for (int i = 0; i < 50; i++) {
            byte[] packet = Packets.rtp(r, 7, i, r.nextInt(400));
            byte[] a = ByteBufUtil.getBytes(protect(heap.sender, packet));
            ByteBuf d = Unpooled.directBuffer(packet.length + 32).writeBytes(packet);
            assertThat(direct.sender.protectRtp(d)).isEqualTo(SrtpStatus.OK);
            assertThat(ByteBufUtil.getBytes(d)).as(Seeds.replay(seed)).isEqualTo(a);
            assertThat(direct.receiver.unprotectRtp(d)).isEqualTo(SrtpStatus.OK);
            assertThat(ByteBufUtil.getBytes(d)).isEqualTo(packet);
            d.release();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shortAndMalformedPacketsAreTypedFailures(SrtpProfile profile) {
        Pair p = pair(profile, Seeds.random(1), SrtpConfig.DEFAULT);
        assertThat(p.receiver.unprotectRtp(Unpooled.wrappedBuffer(new byte[5]))).isEqualTo(SrtpStatus.TOO_SHORT);
        assertThat(p.receiver.unprotectRtp(Unpooled.wrappedBuffer(new byte[40]))).isEqualTo(SrtpStatus.MALFORMED);
        byte[] ext = new byte[40];
        ext[0] = (byte) 0x9f; // V=2, X=1, CC=15: 72 octets of header in a 40-octet packet
        assertThat(p.receiver.unprotectRtp(Unpooled.wrappedBuffer(ext))).isEqualTo(SrtpStatus.MALFORMED);
        assertThat(p.receiver.unprotectRtcp(Unpooled.wrappedBuffer(new byte[9]))).isEqualTo(SrtpStatus.TOO_SHORT);
        assertThat(p.sender.protectRtp(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1})))
                .isEqualTo(SrtpStatus.NO_ROOM);
        assertThat(p.receiver.unprotectRtp(Unpooled.wrappedBuffer(new byte[1501]))).isEqualTo(SrtpStatus.TOO_LONG);
        assertThat(p.sender.protectRtp(Unpooled.buffer(1600).writeByte(0x80).writeZero(1499))).isEqualTo(SrtpStatus.TOO_LONG);
        assertThat(p.receiver.count(SrtpStatus.TOO_SHORT)).isEqualTo(2);
        assertThat(p.receiver.count(SrtpStatus.MALFORMED)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aDestroyedContextDoesNothing(SrtpProfile profile) {
        Pair p = pair(profile, Seeds.random(2), SrtpConfig.DEFAULT);
        p.sender.destroy();
        ByteBuf b = Unpooled.buffer().writeBytes(Packets.rtp(Seeds.random(3), 1, 1, 10));
        byte[] before = ByteBufUtil.getBytes(b);
        assertThat(p.sender.protectRtp(b)).isEqualTo(SrtpStatus.DESTROYED);
        assertThat(ByteBufUtil.getBytes(b)).isEqualTo(before);
        assertThat(p.sender.protectRtcp(Unpooled.buffer().writeBytes(Packets.rtcp(Seeds.random(4), 1))))
                .isEqualTo(SrtpStatus.DESTROYED);
    }
}
