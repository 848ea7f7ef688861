package dev.sotto.codecs.otr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Jazzer targets: nothing thrown by the OTR decoders on any input (seed corpora under OtrCodecFuzzTestInputs). */
class OtrCodecFuzzTest {

    @FuzzTest
    void textDecoder(byte[] input) {
        OtrTextCodec.decode(new String(input, StandardCharsets.UTF_8), OtrLimits.DEFAULT);
    }

    @FuzzTest
    void binaryDecoder(byte[] input) {
        OtrMessageCodec.decode(input, OtrLimits.DEFAULT);
        SignedKeyBlock.decode(input, OtrLimits.DEFAULT);
    }

    @FuzzTest
    void tlvDecoders(byte[] input) {
        TlvCodec.decode(input, OtrLimits.DEFAULT);
        SmpTlvCodec.decode(input, 0, 6, OtrLimits.DEFAULT);
        if (input.length > 0) {
            SmpTlvCodec.decode(input, (input[0] & 0xff) % (input.length + 2), 3, OtrLimits.DEFAULT);
        }
    }
}
