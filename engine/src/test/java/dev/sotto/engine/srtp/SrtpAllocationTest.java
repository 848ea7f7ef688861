package dev.sotto.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Once a context and its stream exist, the AES-CM and AES-GCM profiles allocate nothing per packet (issue 8;
 * DESIGN.md, Decoders). Measured with the JVM's per-thread allocation counter over 20,000 packets: a
 * single allocation per packet would show as at least 16 bytes each.
 */
class SrtpAllocationTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32",
        "AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32"})
    void protectAndUnprotectAllocateNothingPerPacket(SrtpProfile profile) {
        SrtpCryptoContext sender = SrtpCryptoContext.create(profile, new byte[profile.masterKeyLength()],
                new byte[profile.masterSaltLength()], SrtpConfig.DEFAULT);
        SrtpCryptoContext receiver = SrtpCryptoContext.create(profile, new byte[profile.masterKeyLength()],
                new byte[profile.masterSaltLength()], SrtpConfig.DEFAULT);
        ByteBuf packet = Unpooled.buffer(256, 256);
        int packets = 20_000;
        run(sender, receiver, packet, 0, 2_000);
        allocated();
        long before = allocated();
        run(sender, receiver, packet, 2_000, packets);
        long perPacket = (allocated() - before) / packets;
        assertThat(perPacket).as("bytes allocated per protect+unprotect").isZero();
    }

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    void gcmProtectAndUnprotectAllocateNothingPerPacket(SrtpProfile profile) {
        protectAndUnprotectAllocateNothingPerPacket(profile);
    }

    private static void run(SrtpCryptoContext sender, SrtpCryptoContext receiver, ByteBuf packet, int from, int count) {
        for (int i = from; i < from + count; i++) {
            packet.clear();
            packet.writeByte(0x80).writeByte(0).writeShort(i).writeInt(i * 160).writeInt(0x1234_5678);
            packet.writeZero(160);
            if (sender.protectRtp(packet) != SrtpStatus.OK || receiver.unprotectRtp(packet) != SrtpStatus.OK) {
                throw new AssertionError("packet " + i + " did not round-trip");
            }
        }
    }
}
