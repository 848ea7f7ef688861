package dev.sotto.persistence.log;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import dev.sotto.persistence.proto.OuterRecord;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Issue 3: arbitrary bytes as a record → only the library's own exception ({@link RecordException}).
 * Half the inputs are a valid sealed record mutated by the fuzzer (so the fuzzer reaches the parsing
 * behind the AEAD as well: with the keys known here, the "mutate then re-seal" branch feeds arbitrary
 * plaintext to the padding and protobuf layers). Plain {@code mvn test} replays the committed corpus.
 */
class RecordFuzzTest {
    private static final byte[] LOG_KEY = new byte[32];
    private static final byte[] CHAIN_KEY = new byte[32];
    private static final byte[] STREAM_KEY = new byte[32];
    static {
        Arrays.fill(LOG_KEY, (byte) 1);
        Arrays.fill(CHAIN_KEY, (byte) 2);
        Arrays.fill(STREAM_KEY, (byte) 3);
    }

    private final RecordCodec codec = new RecordCodec(LOG_KEY, CHAIN_KEY, 7);
    private final byte[] genesis = codec.genesis(new byte[16]);
    /**
     * Nonces for the seals this harness makes itself. They must never repeat under one key: the JCE GCM
     * cipher the codec keeps refuses a repeated (key, nonce) pair, exactly as production relies on.
     */
    private long nonceCounter;

    private byte[] nextNonce() {
        return java.nio.ByteBuffer.allocate(12).putInt(0x5eed).putLong(++nonceCounter).array();
    }

    @FuzzTest(maxDuration = "10s")
    void recordBytes(FuzzedDataProvider data) {
        byte[] record;
        switch (data.consumeInt(0, 2)) {
            case 0 -> record = data.consumeRemainingAsBytes();
            case 1 -> {
                // A valid record with fuzzer-chosen bit flips and truncation.
                record = validRecord(data.consumeBytes(64));
                int flips = data.consumeInt(0, 4);
                for (int i = 0; i < flips; i++) {
                    int at = data.consumeInt(0, record.length - 1);
                    record[at] ^= (byte) data.consumeInt(1, 255);
                }
                record = Arrays.copyOf(record, data.consumeInt(0, record.length));
            }
            default -> {
                // Arbitrary authenticated plaintext: exercises padding removal and protobuf parsing.
                byte[] plaintext = data.consumeRemainingAsBytes();
                record = sealRaw(plaintext);
            }
        }
        try {
            OuterRecord outer = codec.openOuter(record, genesis);
            if (outer.getKind() == OuterRecord.Kind.EVENT) {
                codec.openInner(STREAM_KEY, outer);
            }
        } catch (RecordException expected) {
            // The only failure a hostile record may cause.
        }
    }

    private byte[] validRecord(byte[] payload) {
        byte[] nonce = nextNonce();
        byte[] inner = codec.sealInner(STREAM_KEY, nonce, 1, 0, 0, payload);
        return codec.sealOuter(OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT).setStreamKeyId(1)
                .setInnerNonce(ByteString.copyFrom(nonce)).setInnerCiphertext(ByteString.copyFrom(inner)).build(),
                genesis, new SecureRandom());
    }

    /** Seals bytes that are not a padded OuterRecord, as only a key holder could. */
    private byte[] sealRaw(byte[] plaintext) {
        dev.sotto.persistence.vault.Crypto crypto = new dev.sotto.persistence.vault.Crypto();
        byte[] header = new byte[RecordCodec.HEADER_BYTES];
        java.nio.ByteBuffer.wrap(header).put((byte) RecordCodec.VERSION).putInt(7);
        byte[] aad = Arrays.copyOf(header, header.length + genesis.length);
        System.arraycopy(genesis, 0, aad, header.length, genesis.length);
        byte[] sealed = crypto.seal(LOG_KEY, nextNonce(), aad, plaintext, 0, plaintext.length);
        byte[] record = Arrays.copyOf(header, header.length + sealed.length);
        System.arraycopy(sealed, 0, record, header.length, sealed.length);
        return record;
    }
}
