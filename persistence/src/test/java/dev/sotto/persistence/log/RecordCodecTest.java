package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.sotto.persistence.proto.InnerRecord;
import dev.sotto.persistence.proto.OuterRecord;
import dev.sotto.persistence.vault.Crypto;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Record format 2 (RecordCodec): layout, the hand-placed protobuf fields, and the chain tag. */
class RecordCodecTest {
    static final byte[] LOG_KEY = filled(0x11);
    static final byte[] CHAIN_KEY = filled(0x22);
    static final byte[] STREAM_KEY = filled(0x33);
    static final int LOG_KEY_ID = 0x01020304;

    private final RecordCodec codec = new RecordCodec(LOG_KEY, CHAIN_KEY, LOG_KEY_ID, RecordCodec.VERSION_2);
    private final byte[] genesis = codec.genesis(new byte[16]);
    private long nonceCounter;

    private static byte[] filled(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    private byte[] nonce() {
        return ByteBuffer.allocate(12).putInt(0x7e57).putLong(++nonceCounter).array();
    }

    private byte[] sealed(int keyId, long sequence, long timestamp, byte[] payload, byte[] previous) {
        byte[] record = codec.sealEvent2(STREAM_KEY, keyId, sequence, timestamp, payload, nonce(), 0);
        codec.chainAndTag(previous, record, new byte[RecordCodec.CHAIN_BYTES]);
        return record;
    }

    /** The outer plaintext with the padding removed, decrypted independently of RecordCodec. */
    static byte[] outerPlaintext(byte[] record) throws Exception {
        byte[] header = Arrays.copyOf(record, RecordCodec.HEADER_BYTES);
        byte[] nonce = Arrays.copyOfRange(record, 5, RecordCodec.HEADER_BYTES);
        byte[] padded = new Crypto().open(LOG_KEY, nonce, header, record, RecordCodec.HEADER_BYTES,
                record.length - RecordCodec.HEADER_BYTES - RecordCodec.CHAIN_TAG_BYTES);
        assertThat(padded).as("outer AEAD under the log key, header as associated data").isNotNull();
        return Arrays.copyOf(padded, RecordCodec.unpaddedLength(padded));
    }

    @Test
    void handPlacedOuterFieldsAreExactlyWhatTheGeneratedSerializerWrites() throws Exception {
        long seed = Long.getLong("sotto.test.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        int[] keyIds = {1, 127, 128, 70_000, Integer.MAX_VALUE};
        long[] sequences = {0, 1, 127, 128, 1L << 40, Long.MAX_VALUE};
        for (int keyId : keyIds) {
            for (long sequence : sequences) {
                byte[] payload = new byte[random.nextInt(0, 5000)];
                random.nextBytes(payload);
                byte[] record = sealed(keyId, sequence, 1_700_000_000_000L, payload, genesis);
                byte[] plain = outerPlaintext(record);
                OuterRecord parsed = OuterRecord.parseFrom(plain);
                byte[] generated = OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT).setStreamKeyId(keyId)
                        .setSequence(sequence).setInnerCiphertext(parsed.getInnerCiphertext()).build().toByteArray();
                assertThat(plain).as("seed %d keyId %d sequence %d", seed, keyId, sequence).isEqualTo(generated);
                assertThat(parsed.getInnerNonce().isEmpty()).isTrue();
            }
        }
    }

    @Test
    void aRecordRoundTripsAndIsPaddedToItsBucket() throws Exception {
        byte[] payload = new byte[200];
        new SplittableRandom(1).nextBytes(payload);
        byte[] record = sealed(5, 42, 1234, payload, genesis);
        assertThat(record[0]).isEqualTo((byte) RecordCodec.VERSION_2);
        assertThat(ByteBuffer.wrap(record, 1, 4).getInt()).isEqualTo(LOG_KEY_ID);
        // header 17 + the 256-byte bucket + GCM tag 16 + chain tag 16
        assertThat(record).hasSize(17 + 256 + 16 + 16);

        OuterRecord outer = codec.openOuter(record, null, codec.chain(genesis, record));
        assertThat(outer.getKind()).isEqualTo(OuterRecord.Kind.EVENT);
        assertThat(outer.getStreamKeyId()).isEqualTo(5);
        assertThat(outer.getSequence()).isEqualTo(42);
        assertThat((outer.getInnerCiphertext().size() - Crypto.TAG_BYTES) % 16).as("inner padded to AES blocks").isZero();
        InnerRecord inner = codec.openInner(STREAM_KEY, outer, record);
        assertThat(inner.getTimestampMillis()).isEqualTo(1234);
        assertThat(inner.getPayload().toByteArray()).isEqualTo(payload);
    }

    @Test
    void theInnerLayerIsSealedUnderTheStreamKeyWithTheRecordsNonce() throws Exception {
        byte[] record = sealed(9, 3, 77, "inner".getBytes(java.nio.charset.StandardCharsets.UTF_8), genesis);
        OuterRecord outer = OuterRecord.parseFrom(outerPlaintext(record));
        byte[] aad = ByteBuffer.allocate(14 + 12).put("sotto-inner-v2".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(9).putLong(3).array();
        byte[] ct = outer.getInnerCiphertext().toByteArray();
        byte[] padded = new Crypto().open(STREAM_KEY, Arrays.copyOfRange(record, 5, 17), aad, ct, 0, ct.length);
        assertThat(padded).isNotNull();
        InnerRecord inner = InnerRecord.parseFrom(Arrays.copyOf(padded, RecordCodec.unpaddedLength(padded)));
        assertThat(inner.getPayload()).isEqualTo(ByteString.copyFromUtf8("inner"));
        // The sequence is bound: the same ciphertext under sequence 4 does not open.
        byte[] other = ByteBuffer.allocate(26).put("sotto-inner-v2".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(9).putLong(4).array();
        assertThat(new Crypto().open(STREAM_KEY, Arrays.copyOfRange(record, 5, 17), other, ct, 0, ct.length)).isNull();
    }

    @Test
    void theChainTagIsHmacOfThePreviousChainValueAndTheSealedBytes() throws Exception {
        byte[] first = sealed(1, 0, 1, new byte[10], genesis);
        byte[] afterFirst = codec.chain(genesis, first);
        // Independent HMAC-SHA256 over chain[i-1] || sealed record.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(CHAIN_KEY, "HmacSHA256"));
        mac.update(genesis);
        mac.update(first, 0, first.length - RecordCodec.CHAIN_TAG_BYTES);
        byte[] expected = mac.doFinal();
        assertThat(afterFirst).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(first, first.length - 16, first.length)).isEqualTo(Arrays.copyOf(expected, 16));

        byte[] second = sealed(1, 1, 2, new byte[10], afterFirst);
        assertThat(codec.openOuter(second, null, codec.chain(afterFirst, second)).getSequence()).isEqualTo(1);
        // The same record after a different predecessor (one removed or moved): the chain breaks here.
        assertThatThrownBy(() -> codec.openOuter(second, null, codec.chain(genesis, second)))
                .isInstanceOf(RecordException.class).hasMessageContaining("chain");
    }

    @Test
    void aFormatOneRecordIsRefusedInAFormatTwoLog() {
        RecordCodec v1 = new RecordCodec(LOG_KEY, CHAIN_KEY, LOG_KEY_ID, RecordCodec.VERSION);
        byte[] record = v1.sealOuter(OuterRecord.newBuilder().setKind(OuterRecord.Kind.TOMBSTONE).setStreamKeyId(1).build(),
                genesis, new java.security.SecureRandom());
        assertThatThrownBy(() -> codec.openOuter(record, genesis, codec.chain(genesis, record)))
                .isInstanceOf(RecordException.class);
    }
}
