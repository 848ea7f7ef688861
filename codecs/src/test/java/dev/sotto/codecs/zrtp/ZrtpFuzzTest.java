package dev.sotto.codecs.zrtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sotto.codecs.DecodeResult;
import java.util.Arrays;

/**
 * Any datagram → a ZRTP packet or a typed rejection, never an exception. The fuzzer also gets a second chance
 * with the CRC fixed up, so it reaches the message parsers instead of stopping at the checksum; an accepted
 * packet must re-encode to a packet that decodes to the same message.
 */
class ZrtpFuzzTest {

    private final ZrtpDecoder decoder = new ZrtpDecoder(ZrtpLimits.DEFAULT);

    @FuzzTest(maxDuration = "10s")
    void zrtpPacket(FuzzedDataProvider data) {
        boolean fixCrc = data.consumeBoolean();
        byte[] datagram = data.consumeRemainingAsBytes();
        check(datagram);
        if (fixCrc && datagram.length >= 4) {
            byte[] fixed = datagram.clone();
            ZrtpCrc.write(ZrtpCrc.compute(fixed, 0, fixed.length - 4), fixed, fixed.length - 4);
            check(fixed);
        }
        if (datagram.length >= 16) {
            // The same octets as a decrypted Confirm/SASrelay region.
            byte[] region = Arrays.copyOfRange(datagram, 16, datagram.length);
            ConfirmPlaintext.decode(region, ZrtpLimits.DEFAULT);
            SasRelayPlaintext.decode(region, ZrtpLimits.DEFAULT);
        }
    }

    private void check(byte[] datagram) {
        DecodeResult<ZrtpPacket> r = decoder.decode(datagram);
        if (r instanceof DecodeResult.NeedMore) {
            throw new IllegalStateException("a datagram is complete: NeedMore is never right");
        }
        if (r instanceof DecodeResult.Malformed<ZrtpPacket> m && ZrtpCondition.of(m.condition()).isEmpty()) {
            throw new IllegalStateException("untyped condition");
        }
        if (r instanceof DecodeResult.Ok<ZrtpPacket> ok) {
            ZrtpPacket p = ok.value();
            if (ok.consumed() != datagram.length) {
                throw new IllegalStateException("a packet is the whole datagram");
            }
            byte[] again = new ZrtpPacket(p.sequenceNumber(), p.ssrc(), p.message()).encode();
            DecodeResult<ZrtpPacket> r2 = decoder.decode(again);
            if (!(r2 instanceof DecodeResult.Ok<ZrtpPacket> ok2)
                    || !Arrays.equals(ok2.value().message().encode(), p.message().encode())) {
                throw new IllegalStateException("accepted packet does not survive a re-encode");
            }
        }
    }
}
