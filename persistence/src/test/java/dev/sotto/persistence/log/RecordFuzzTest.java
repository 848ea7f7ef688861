package dev.sotto.persistence.log;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import dev.sotto.persistence.proto.OuterRecord;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Issue 3: arbitrary bytes as a record → only the library's own exception ({@link RecordException}), for
 * every record format (the input picks one, see {@link RecordCodec}; format 3's valid records are batches of one
 * to three events). Most inputs are a valid sealed record mutated by the fuzzer (so the fuzzer reaches the parsing
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

    private final RecordCodec codec1 = new RecordCodec(LOG_KEY, CHAIN_KEY, 7, RecordCodec.VERSION);
    private final RecordCodec codec2 = new RecordCodec(LOG_KEY, CHAIN_KEY, 7, RecordCodec.VERSION_2);
    private final RecordCodec codec3 = new RecordCodec(LOG_KEY, CHAIN_KEY, 7, RecordCodec.VERSION_3);
    private final byte[] genesis = codec1.genesis(new byte[16]);
    private RecordCodec codec;
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
        codec = switch (data.consumeInt(1, 3)) {
            case 1 -> codec1;
            case 2 -> codec2;
            default -> codec3;
        };
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
            OuterRecord outer = codec.openOuter(record, genesis, codec.chain(genesis, record));
            if (outer.getKind() == OuterRecord.Kind.EVENT) {
                codec.openInner(STREAM_KEY, outer, record);
            }
            for (OuterRecord event : outer.getEventsList()) {
                codec.openInner(STREAM_KEY, event, record);
            }
        } catch (RecordException expected) {
            // The only failure a hostile record may cause.
        }
    }

    private byte[] validRecord(byte[] payload) {
        if (codec == codec3) {
            int n = 1 + (payload.length % 3);
            byte[][] entries = new byte[n][];
            int bytes = 0;
            for (int i = 0; i < n; i++) {
                entries[i] = codec3.sealEntry3(STREAM_KEY, 1, i, 0, payload, nextNonce(), 0);
                bytes += RecordCodec.batchEntrySize(entries[i]);
            }
            byte[] record = n == 1 ? codec3.sealSingle3(entries[0]) : codec3.sealBatch3(entries, n, bytes, nextNonce(), 0);
            codec3.chainAndTag(genesis, record, new byte[RecordCodec.CHAIN_BYTES]);
            return record;
        }
        if (codec == codec2) {
            byte[] record = codec2.sealEvent2(STREAM_KEY, 1, 0, 0, payload, nextNonce(), 0);
            codec2.chainAndTag(genesis, record, new byte[RecordCodec.CHAIN_BYTES]);
            return record;
        }
        byte[] nonce = nextNonce();
        byte[] inner = codec.sealInner(STREAM_KEY, nonce, 1, 0, 0, payload);
        return codec.sealOuter(OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT).setStreamKeyId(1)
                .setInnerNonce(ByteString.copyFrom(nonce)).setInnerCiphertext(ByteString.copyFrom(inner)).build(),
                genesis, new SecureRandom());
    }

    /**
     * Seals bytes that are not a padded OuterRecord, as only a key holder could (format 2: chain tag
     * included), so the arbitrary plaintext reaches the padding and protobuf layers.
     */
    private byte[] sealRaw(byte[] plaintext) {
        dev.sotto.persistence.vault.Crypto crypto = new dev.sotto.persistence.vault.Crypto();
        boolean v2 = codec != codec1; // formats 2 and 3 share the layout; the version byte differs
        byte[] nonce = nextNonce();
        byte[] header = new byte[RecordCodec.HEADER_BYTES];
        java.nio.ByteBuffer.wrap(header).put((byte) codec.format()).putInt(7).put(nonce);
        byte[] aad = v2 ? header : Arrays.copyOf(header, header.length + genesis.length);
        if (!v2) {
            System.arraycopy(genesis, 0, aad, header.length, genesis.length);
        }
        byte[] sealed = crypto.seal(LOG_KEY, nonce, aad, plaintext, 0, plaintext.length);
        byte[] record = Arrays.copyOf(header, header.length + sealed.length + (v2 ? RecordCodec.CHAIN_TAG_BYTES : 0));
        System.arraycopy(sealed, 0, record, header.length, sealed.length);
        if (v2) {
            codec.chainAndTag(genesis, record, new byte[RecordCodec.CHAIN_BYTES]);
        }
        return record;
    }
}
