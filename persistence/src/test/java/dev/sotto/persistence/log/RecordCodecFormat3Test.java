package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.sotto.persistence.proto.InnerRecord;
import dev.sotto.persistence.proto.OuterRecord;
import dev.sotto.persistence.vault.Crypto;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Record format 3 (RecordCodec): a batch record's layout, checked by decrypting with {@link Crypto} and parsing with
 * the generated protobuf classes instead of RecordCodec's own reader; each event's own nonce and inner AEAD; the
 * shape rules; and that formats 2 and 3 do not pass for each other.
 */
class RecordCodecFormat3Test {
    // RecordCodecTest's keys and helpers: the same fixture for both formats.
    private static final byte[] LOG_KEY = RecordCodecTest.LOG_KEY;
    private static final byte[] CHAIN_KEY = RecordCodecTest.CHAIN_KEY;
    private static final byte[] STREAM_KEY = RecordCodecTest.STREAM_KEY;
    private static final int LOG_KEY_ID = RecordCodecTest.LOG_KEY_ID;

    private final RecordCodec codec = new RecordCodec(LOG_KEY, CHAIN_KEY, LOG_KEY_ID, RecordCodec.VERSION_3);
    private final byte[] genesis = codec.genesis(new byte[16]);
    private long nonceCounter;

    private byte[] nonce() {
        return ByteBuffer.allocate(12).putInt(0x7e53).putLong(++nonceCounter).array();
    }

    private byte[] batch(byte[]... entries) {
        int bytes = 0;
        for (byte[] e : entries) {
            bytes += RecordCodec.batchEntrySize(e);
        }
        byte[] record = codec.sealBatch3(entries, entries.length, bytes, nonce(), 0);
        codec.chainAndTag(genesis, record, new byte[RecordCodec.CHAIN_BYTES]);
        return record;
    }

    private static byte[] outerPlaintext(byte[] record) throws Exception {
        return RecordCodecTest.outerPlaintext(record);
    }

    private static byte[] innerAad(int keyId, long sequence) {
        return ByteBuffer.allocate(26).put("sotto-inner-v3".getBytes(StandardCharsets.US_ASCII)).putInt(keyId)
                .putLong(sequence).array();
    }

    @Test
    void aBatchIsExactlyWhatTheGeneratedSerializerWritesAndEachEventOpensUnderItsOwnNonce() throws Exception {
        long seed = Long.getLong("sotto.test.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        int[] keyIds = {1, 127, 128, 70_000, Integer.MAX_VALUE};
        long[] sequences = {0, 1, 127, 128, 1L << 40, Long.MAX_VALUE};
        for (int round = 0; round < 40; round++) {
            int n = random.nextInt(1, 6);
            byte[][] entries = new byte[n][];
            int[] ids = new int[n];
            long[] seqs = new long[n];
            byte[][] nonces = new byte[n][];
            byte[][] payloads = new byte[n][];
            for (int i = 0; i < n; i++) {
                ids[i] = keyIds[random.nextInt(keyIds.length)];
                seqs[i] = sequences[random.nextInt(sequences.length)];
                nonces[i] = nonce();
                payloads[i] = new byte[random.nextInt(0, 3000)];
                random.nextBytes(payloads[i]);
                entries[i] = codec.sealEntry3(STREAM_KEY, ids[i], seqs[i], 1_700_000_000_000L + i, payloads[i], nonces[i], 0);
            }
            byte[] record = batch(entries);
            assertThat(record[0]).isEqualTo((byte) RecordCodec.VERSION_3);
            byte[] plain = outerPlaintext(record);
            OuterRecord parsed = OuterRecord.parseFrom(plain);
            OuterRecord.Builder generated = OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT_BATCH);
            for (int i = 0; i < n; i++) {
                OuterRecord event = parsed.getEvents(i);
                generated.addEvents(OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT).setStreamKeyId(ids[i])
                        .setSequence(seqs[i]).setInnerNonce(ByteString.copyFrom(nonces[i]))
                        .setInnerCiphertext(event.getInnerCiphertext()));
                // The inner layer, opened with Crypto: the event's own nonce, the v3 label, key id and sequence.
                byte[] ct = event.getInnerCiphertext().toByteArray();
                byte[] padded = new Crypto().open(STREAM_KEY, nonces[i], innerAad(ids[i], seqs[i]), ct, 0, ct.length);
                assertThat(padded).as("seed %d round %d event %d", seed, round, i).isNotNull();
                assertThat(padded.length % 16).as("inner padded to AES blocks").isZero();
                byte[] innerBytes = Arrays.copyOf(padded, RecordCodec.unpaddedLength(padded));
                assertThat(innerBytes).as("hand-written InnerRecord, as the generated serializer writes it")
                        .isEqualTo(InnerRecord.newBuilder().setTimestampMillis(1_700_000_000_000L + i)
                                .setPayload(ByteString.copyFrom(payloads[i])).build().toByteArray());
                InnerRecord inner = InnerRecord.parseFrom(innerBytes);
                assertThat(inner.getPayload().toByteArray()).isEqualTo(payloads[i]);
                assertThat(inner.getTimestampMillis()).isEqualTo(1_700_000_000_000L + i);
            }
            assertThat(plain).as("seed %d round %d", seed, round).isEqualTo(generated.build().toByteArray());
            // And RecordCodec's own reader agrees.
            OuterRecord opened = codec.openOuter(record, null, codec.chain(genesis, record));
            assertThat(opened).isEqualTo(parsed);
            for (int i = 0; i < n; i++) {
                assertThat(codec.openInner(STREAM_KEY, opened.getEvents(i), record).getPayload().toByteArray())
                        .isEqualTo(payloads[i]);
            }
        }
    }

    @Test
    void zeroTimestampAndEmptyPayloadAreLeftOutAsProto3Does() throws Exception {
        byte[] n = nonce();
        byte[] record = batch(codec.sealEntry3(STREAM_KEY, 2, 0, 0, new byte[0], n, 0));
        byte[] ct = OuterRecord.parseFrom(outerPlaintext(record)).getEvents(0).getInnerCiphertext().toByteArray();
        byte[] padded = new Crypto().open(STREAM_KEY, n, innerAad(2, 0), ct, 0, ct.length);
        assertThat(padded).isNotNull();
        assertThat(RecordCodec.unpaddedLength(padded)).as("an empty InnerRecord").isZero();
        assertThat(codec.openInner(STREAM_KEY, outer(record).getEvents(0), record))
                .isEqualTo(InnerRecord.getDefaultInstance());
    }

    @Test
    void aLoneEventIsPaddedToItsBucketAndSeveralToWholeKib() {
        byte[] payload = new byte[200];
        byte[] one = batch(codec.sealEntry3(STREAM_KEY, 5, 1, 2, payload, nonce(), 0));
        // By hand: InnerRecord{timestamp 2, payload 200} is 2 + 3 + 200 = 205 bytes, padded (0x80, zeros) to 208,
        // sealed to 224. The entry: kind 2 + key id 2 + sequence 2 + nonce 1+1+12 + ciphertext 1+2+224 = 247; in the
        // batch 1+2+247 = 250; with the batch's kind (2) 252, plus the 0x80: the 256-byte bucket, as in format 2.
        // Record: header 17 + 256 + GCM tag 16 + chain tag 16.
        assertThat(one).hasSize(17 + 256 + 16 + 16);
        byte[] three = batch(codec.sealEntry3(STREAM_KEY, 5, 1, 2, payload, nonce(), 0),
                codec.sealEntry3(STREAM_KEY, 5, 2, 2, payload, nonce(), 0),
                codec.sealEntry3(STREAM_KEY, 5, 3, 2, payload, nonce(), 0));
        // Several events: whole KiB. 2 + 3 * 250 = 752 bytes: 1 KiB.
        assertThat(three).hasSize(17 + 1024 + 16 + 16);
        byte[][] five = new byte[5][];
        for (int i = 0; i < 5; i++) {
            five[i] = codec.sealEntry3(STREAM_KEY, 5, 10 + i, 2, payload, nonce(), 0);
        }
        // 2 + 5 * 250 = 1252 bytes: 2 KiB (a lone event of that size would take the 4 KiB bucket).
        assertThat(batch(five)).hasSize(17 + 2048 + 16 + 16);
        assertThat(RecordCodec.bucket(1252)).isEqualTo(4096);
    }

    @Test
    void theSameSequenceUnderAnotherNonceOrSequenceDoesNotOpen() {
        byte[] n = nonce();
        byte[] entryBytes = codec.sealEntry3(STREAM_KEY, 9, 3, 77, "inner".getBytes(StandardCharsets.UTF_8), n, 0);
        byte[] record = batch(entryBytes);
        OuterRecord event = outer(record).getEvents(0);
        byte[] ct = event.getInnerCiphertext().toByteArray();
        assertThat(new Crypto().open(STREAM_KEY, n, innerAad(9, 4), ct, 0, ct.length)).as("sequence bound").isNull();
        assertThat(new Crypto().open(STREAM_KEY, nonce(), innerAad(9, 3), ct, 0, ct.length)).as("nonce bound").isNull();
        // The format-2 label does not open a format-3 inner layer (no cross-format reuse of a ciphertext).
        byte[] v2 = ByteBuffer.allocate(26).put("sotto-inner-v2".getBytes(StandardCharsets.US_ASCII)).putInt(9).putLong(3).array();
        assertThat(new Crypto().open(STREAM_KEY, n, v2, ct, 0, ct.length)).isNull();
    }

    private OuterRecord outer(byte[] record) {
        try {
            return codec.openOuter(record, null, codec.chain(genesis, record));
        } catch (RecordException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    /** Seals {@code outer} as only the log key's holder could, so the shape rules behind the AEAD are reached. */
    private byte[] sealedByKeyHolder(OuterRecord outer, int version) {
        byte[] plain = RecordCodec.pad(outer.toByteArray());
        byte[] n = nonce();
        byte[] header = ByteBuffer.allocate(RecordCodec.HEADER_BYTES).put((byte) version).putInt(LOG_KEY_ID).put(n).array();
        byte[] sealed = new Crypto().seal(LOG_KEY, n, header, plain, 0, plain.length);
        byte[] record = Arrays.copyOf(header, header.length + sealed.length + RecordCodec.CHAIN_TAG_BYTES);
        System.arraycopy(sealed, 0, record, header.length, sealed.length);
        codec.chainAndTag(genesis, record, new byte[RecordCodec.CHAIN_BYTES]);
        return record;
    }

    @Test
    void recordsThatBreakFormat3sShapeRulesAreRefused() {
        OuterRecord event = OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT).setStreamKeyId(1)
                .setInnerNonce(ByteString.copyFrom(new byte[12])).setInnerCiphertext(ByteString.copyFrom(new byte[32])).build();
        OuterRecord[] bad = {
            event, // an event outside a batch with a nonce of its own (a lone event uses the record's)
            OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT_BATCH).build(), // an empty batch
            OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT_BATCH)
                    .addEvents(event.toBuilder().clearInnerNonce()).build(), // an event without its nonce
            OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT_BATCH)
                    .addEvents(event.toBuilder().setKind(OuterRecord.Kind.TOMBSTONE)).build(), // not an event inside
            OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT_BATCH)
                    .addEvents(event.toBuilder().addEvents(event)).build(), // nested
            OuterRecord.newBuilder().setKind(OuterRecord.Kind.TOMBSTONE).setStreamKeyId(1).addEvents(event).build(),
        };
        for (OuterRecord outer : bad) {
            byte[] record = sealedByKeyHolder(outer, RecordCodec.VERSION_3);
            assertThatThrownBy(() -> codec.openOuter(record, null, codec.chain(genesis, record)))
                    .as(outer.getKind() + " with " + outer.getEventsCount() + " events")
                    .isInstanceOf(RecordException.class).hasMessage("inner record shape");
        }
        // The same checks let the valid shapes through.
        byte[] tombstone = sealedByKeyHolder(OuterRecord.newBuilder().setKind(OuterRecord.Kind.TOMBSTONE).setStreamKeyId(1).build(),
                RecordCodec.VERSION_3);
        assertThat(outer(tombstone).getKind()).isEqualTo(OuterRecord.Kind.TOMBSTONE);
        byte[] one = sealedByKeyHolder(OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT_BATCH).addEvents(event).build(),
                RecordCodec.VERSION_3);
        assertThat(outer(one).getEventsCount()).isEqualTo(1);
        byte[] lone = sealedByKeyHolder(event.toBuilder().clearInnerNonce().build(), RecordCodec.VERSION_3);
        assertThat(outer(lone).getKind()).isEqualTo(OuterRecord.Kind.EVENT);
    }

    @Test
    void aBatchedEventWithoutItsNonceOrWithAShortOneIsRefusedByTheInnerOpenItself() {
        byte[] record = batch(codec.sealEntry3(STREAM_KEY, 1, 0, 0, new byte[10], nonce(), 0),
                codec.sealEntry3(STREAM_KEY, 1, 1, 0, new byte[10], nonce(), 0));
        // Without its nonce the inner open takes the record's (a lone event's rule), which is not the one it was
        // sealed with.
        OuterRecord without = outer(record).getEvents(0).toBuilder().clearInnerNonce().build();
        assertThatThrownBy(() -> codec.openInner(STREAM_KEY, without, record))
                .isInstanceOf(RecordException.class).hasMessage("inner authentication failed");
        OuterRecord shortNonce = outer(record).getEvents(0).toBuilder()
                .setInnerNonce(ByteString.copyFrom(new byte[8])).build();
        assertThatThrownBy(() -> codec.openInner(STREAM_KEY, shortNonce, record))
                .isInstanceOf(RecordException.class).hasMessage("inner record shape");
    }

    @Test
    void aLoneEventIsFormat2sRecordUnderTheEventsOwnNonce() throws Exception {
        byte[] payload = new byte[200];
        // A realistic timestamp and a large sequence: the widest fields a message record has.
        long ts = 1_800_000_000_000L;
        long sequence = 5_000_000L;
        byte[] n = nonce();
        byte[] record = codec.sealSingle3(codec.sealEntry3(STREAM_KEY, 7, sequence, ts, payload, n, 0));
        codec.chainAndTag(genesis, record, new byte[RecordCodec.CHAIN_BYTES]);
        assertThat(record[0]).isEqualTo((byte) RecordCodec.VERSION_3);
        assertThat(Arrays.copyOfRange(record, 5, 17)).as("the event's nonce is the record's").isEqualTo(n);
        // By hand: InnerRecord{ts 7, payload 203} = 210 bytes, padded to 224, sealed to 240; OuterRecord: kind 2,
        // key id 2, sequence 1+3, ciphertext 1+2+240 = 251, plus 0x80: the 256-byte bucket (as format 2).
        assertThat(record).hasSize(17 + 256 + 16 + 16);
        byte[] plain = outerPlaintext(record);
        OuterRecord parsed = OuterRecord.parseFrom(plain);
        assertThat(plain).isEqualTo(OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT).setStreamKeyId(7)
                .setSequence(sequence).setInnerCiphertext(parsed.getInnerCiphertext()).build().toByteArray());
        byte[] ct = parsed.getInnerCiphertext().toByteArray();
        byte[] padded = new Crypto().open(STREAM_KEY, n, innerAad(7, sequence), ct, 0, ct.length);
        assertThat(padded).as("inner layer under the stream key, the same nonce, the v3 label").isNotNull();
        InnerRecord inner = codec.openInner(STREAM_KEY, outer(record), record);
        assertThat(inner.getTimestampMillis()).isEqualTo(ts);
        assertThat(inner.getPayload().toByteArray()).isEqualTo(payload);
    }

    @Test
    void formats2And3DoNotPassForEachOther() {
        RecordCodec v2 = new RecordCodec(LOG_KEY, CHAIN_KEY, LOG_KEY_ID, RecordCodec.VERSION_2);
        byte[] fromV2 = v2.sealEvent2(STREAM_KEY, 1, 0, 0, new byte[10], nonce(), 0);
        v2.chainAndTag(genesis, fromV2, new byte[RecordCodec.CHAIN_BYTES]);
        assertThatThrownBy(() -> codec.openOuter(fromV2, null, codec.chain(genesis, fromV2)))
                .isInstanceOf(RecordException.class).hasMessage("unknown record version");
        byte[] fromV3 = batch(codec.sealEntry3(STREAM_KEY, 1, 0, 0, new byte[10], nonce(), 0));
        assertThatThrownBy(() -> v2.openOuter(fromV3, null, v2.chain(genesis, fromV3)))
                .isInstanceOf(RecordException.class).hasMessage("unknown record version");
        // A key holder's batch, even an empty one, is refused by format 2 and by format 1.
        byte[] empty = sealedByKeyHolder(OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT_BATCH).build(),
                RecordCodec.VERSION_2);
        assertThatThrownBy(() -> v2.openOuter(empty, null, v2.chain(genesis, empty)))
                .isInstanceOf(RecordException.class).hasMessage("inner record shape");
        RecordCodec v1 = new RecordCodec(LOG_KEY, CHAIN_KEY, LOG_KEY_ID, RecordCodec.VERSION);
        for (OuterRecord batchOf : new OuterRecord[] {OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT_BATCH).build(),
                OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT).addEvents(OuterRecord.newBuilder()
                        .setKind(OuterRecord.Kind.EVENT)).build()}) {
            byte[] fromV1 = v1.sealOuter(batchOf, genesis, new java.security.SecureRandom());
            assertThatThrownBy(() -> v1.openOuter(fromV1, genesis, null))
                    .isInstanceOf(RecordException.class).hasMessage("inner record shape");
        }
        // A key holder's format-2-versioned record carrying a batch is refused by format 2 as well.
        OuterRecord batch = OuterRecord.newBuilder().setKind(OuterRecord.Kind.EVENT_BATCH).addEvents(OuterRecord.newBuilder()
                .setKind(OuterRecord.Kind.EVENT).setInnerNonce(ByteString.copyFrom(new byte[12]))).build();
        byte[] record = sealedByKeyHolder(batch, RecordCodec.VERSION_2);
        assertThatThrownBy(() -> v2.openOuter(record, null, v2.chain(genesis, record)))
                .isInstanceOf(RecordException.class).hasMessage("inner record shape");
    }
}
