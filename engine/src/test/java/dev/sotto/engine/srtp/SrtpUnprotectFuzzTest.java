package dev.sotto.engine.srtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Hostile datagrams into unprotect (SRTP and SRTCP, every profile, heap and direct buffers): a typed
 * status, never an exception, and never OK for bytes nobody with the key produced.
 */
class SrtpUnprotectFuzzTest {

    private static final SrtpProfile[] PROFILES = SrtpProfile.values();

    @FuzzTest(maxDuration = "10s")
    void unprotect(FuzzedDataProvider data) {
        SrtpProfile profile = PROFILES[data.consumeInt(0, PROFILES.length - 1)];
        boolean rtcp = data.consumeBoolean();
        boolean direct = data.consumeBoolean();
        byte[] datagram = data.consumeRemainingAsBytes();
        SrtpCryptoContext c = SrtpCryptoContext.create(profile, new byte[profile.masterKeyLength()],
                new byte[profile.masterSaltLength()], SrtpConfig.DEFAULT);
        ByteBuf b = direct ? Unpooled.directBuffer(datagram.length + 64) : Unpooled.buffer(datagram.length + 64);
        b.writeBytes(datagram);
        try {
            SrtpStatus s = rtcp ? c.unprotectRtcp(b) : c.unprotectRtp(b);
            if (s == SrtpStatus.OK && profile.srtpTagLength() >= 10) {
                throw new IllegalStateException("forged packet accepted");
            }
        } finally {
            b.release();
        }
    }
}
