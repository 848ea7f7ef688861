package dev.sotto.persistence.log;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sotto.persistence.proto.InnerRecord;
import dev.sotto.persistence.proto.OuterRecord;
import dev.sotto.persistence.vault.Crypto;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals and opens one log record (DESIGN.md, The log, precisely):
 *
 * <pre>
 * record  = header || AES-256-GCM(logKey, nonce, aad = header || chain[i-1], pad(OuterRecord))
 * header  = version(1) || logKeyId(4, big-endian) || nonce(12)              -- the only clear bytes
 * inner   = AES-256-GCM(streamKey, innerNonce, aad = "sotto-inner-v1" || keyId || sequence, InnerRecord)
 * chain[i]= HMAC-SHA256(chainKey, chain[i-1] || record_i),  chain[-1] = HMAC(chainKey, "genesis" || vaultId)
 * </pre>
 *
 * Nonces are random 96-bit values (never derived from a sequence: a torn record would reuse one).
 * Outer plaintexts are padded (ISO/IEC 7816-4: 0x80 then zeros) to 64/256/1K/4K buckets, then
 * multiples of 4K, so sizes on disk do not reveal message lengths. One instance per thread.
 */
final class RecordCodec {
    static final int VERSION = 1;
    static final int HEADER_BYTES = 1 + 4 + Crypto.NONCE_BYTES;
    static final int MAX_PAYLOAD_BYTES = 1 << 20;
    static final int MAX_RECORD_BYTES = MAX_PAYLOAD_BYTES + 16 * 1024;
    private static final byte[] INNER_LABEL = "sotto-inner-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GENESIS_LABEL = "sotto-log-genesis-v1".getBytes(StandardCharsets.US_ASCII);

    private final Crypto crypto = new Crypto();
    private final byte[] logKey;
    private final byte[] chainKey;
    private final int logKeyId;

    RecordCodec(byte[] logKey, byte[] chainKey, int logKeyId) {
        this.logKey = logKey;
        this.chainKey = chainKey;
        this.logKeyId = logKeyId;
    }

    byte[] genesis(byte[] vaultId) {
        return crypto.hmac(chainKey, GENESIS_LABEL, vaultId);
    }

    byte[] chain(byte[] previous, byte[] record) {
        return crypto.hmac(chainKey, previous, record);
    }

    byte[] sealOuter(OuterRecord outer, byte[] previousChain, SecureRandom random) {
        byte[] header = new byte[HEADER_BYTES];
        ByteBuffer.wrap(header).put((byte) VERSION).putInt(logKeyId);
        byte[] nonce = Crypto.randomBytes(random, Crypto.NONCE_BYTES);
        System.arraycopy(nonce, 0, header, 5, Crypto.NONCE_BYTES);
        byte[] padded = pad(outer.toByteArray());
        byte[] sealed = crypto.seal(logKey, nonce, aad(header, previousChain), padded, 0, padded.length);
        Crypto.wipe(padded);
        byte[] record = Arrays.copyOf(header, HEADER_BYTES + sealed.length);
        System.arraycopy(sealed, 0, record, HEADER_BYTES, sealed.length);
        return record;
    }

    /** Authenticates a record against the previous chain value and parses its outer layer. */
    OuterRecord openOuter(byte[] record, byte[] previousChain) throws RecordException {
        if (record.length < HEADER_BYTES + Crypto.TAG_BYTES) {
            throw new RecordException("record too short");
        }
        if (record.length > MAX_RECORD_BYTES) {
            throw new RecordException("record too long");
        }
        if (record[0] != VERSION) {
            throw new RecordException("unknown record version");
        }
        if (ByteBuffer.wrap(record, 1, 4).getInt() != logKeyId) {
            throw new RecordException("unknown log key id");
        }
        byte[] header = Arrays.copyOf(record, HEADER_BYTES);
        byte[] nonce = Arrays.copyOfRange(record, 5, HEADER_BYTES);
        byte[] padded = crypto.open(logKey, nonce, aad(header, previousChain), record, HEADER_BYTES, record.length - HEADER_BYTES);
        if (padded == null) {
            throw new RecordException("authentication failed");
        }
        int length = unpaddedLength(padded);
        try {
            return OuterRecord.parseFrom(ByteBuffer.wrap(padded, 0, length));
        } catch (InvalidProtocolBufferException e) {
            throw new RecordException("outer record encoding");
        } finally {
            Crypto.wipe(padded);
        }
    }

    byte[] sealInner(byte[] streamKey, byte[] nonce, int keyId, long sequence, long timestampMillis, byte[] payload) {
        byte[] plain = InnerRecord.newBuilder().setTimestampMillis(timestampMillis)
                .setPayload(ByteString.copyFrom(payload)).build().toByteArray();
        try {
            return crypto.seal(streamKey, nonce, innerAad(keyId, sequence), plain, 0, plain.length);
        } finally {
            Crypto.wipe(plain);
        }
    }

    InnerRecord openInner(byte[] streamKey, OuterRecord outer) throws RecordException {
        byte[] ct = outer.getInnerCiphertext().toByteArray();
        byte[] plain = crypto.open(streamKey, outer.getInnerNonce().toByteArray(),
                innerAad(outer.getStreamKeyId(), outer.getSequence()), ct, 0, ct.length);
        if (plain == null) {
            throw new RecordException("inner authentication failed");
        }
        try {
            return InnerRecord.parseFrom(plain);
        } catch (InvalidProtocolBufferException e) {
            throw new RecordException("inner record encoding");
        } finally {
            Crypto.wipe(plain);
        }
    }

    private static byte[] aad(byte[] header, byte[] previousChain) {
        byte[] aad = Arrays.copyOf(header, header.length + previousChain.length);
        System.arraycopy(previousChain, 0, aad, header.length, previousChain.length);
        return aad;
    }

    private static byte[] innerAad(int keyId, long sequence) {
        return ByteBuffer.allocate(INNER_LABEL.length + 12).put(INNER_LABEL).putInt(keyId).putLong(sequence).array();
    }

    /** The padded size for a plaintext of n bytes (n + 1 for the 0x80 marker must fit). */
    static int bucket(int n) {
        int needed = n + 1;
        for (int b : new int[] {64, 256, 1024, 4096}) {
            if (needed <= b) {
                return b;
            }
        }
        return (needed + 4095) / 4096 * 4096;
    }

    static byte[] pad(byte[] plain) {
        byte[] out = Arrays.copyOf(plain, bucket(plain.length));
        out[plain.length] = (byte) 0x80;
        Crypto.wipe(plain);
        return out;
    }

    /** Inverse of {@link #pad}; an authenticated plaintext without the marker is an encoding error. */
    static int unpaddedLength(byte[] padded) throws RecordException {
        int i = padded.length - 1;
        while (i >= 0 && padded[i] == 0) {
            i--;
        }
        if (i < 0 || padded[i] != (byte) 0x80) {
            throw new RecordException("bad padding");
        }
        return i;
    }
}
