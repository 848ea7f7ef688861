package dev.sotto.persistence.log;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.sotto.persistence.proto.InnerRecord;
import dev.sotto.persistence.proto.OuterRecord;
import dev.sotto.persistence.vault.Crypto;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
    /** HMAC-SHA256 output: the size of a chain value. */
    static final int CHAIN_BYTES = 32;
    static final int MAX_PAYLOAD_BYTES = 1 << 20;
    static final int MAX_RECORD_BYTES = MAX_PAYLOAD_BYTES + 16 * 1024;
    private static final byte[] INNER_LABEL = "sotto-inner-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GENESIS_LABEL = "sotto-log-genesis-v1".getBytes(StandardCharsets.US_ASCII);

    /**
     * Stream-key ciphers kept per codec, least recently used out first. A replay interleaves every conversation's
     * stream, so this must exceed the number of streams a vault has: at 64 (cleared when full), a vault of 100
     * conversations paid a Cipher.getInstance (a provider lookup, tens of microseconds) for most records.
     */
    static final int INNER_CIPHERS = 1024;

    // One Cipher per key and one Mac per codec (one codec per thread). The JCE re-expands the AES key
    // schedule whenever a Cipher is re-initialised with a different key, so the log key has its own Cipher
    // and each stream key its own (cached by key id): the hot path's re-init for a fresh nonce then does
    // no key expansion.
    private final Cipher gcm;
    private final Map<Integer, Cipher> innerCiphers = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Cipher> eldest) {
            return size() > INNER_CIPHERS;
        }
    };
    private final Mac chainMac;
    private final byte[] outerAad = new byte[HEADER_BYTES + CHAIN_BYTES];
    private final SecretKeySpec logKeySpec;
    private final int logKeyId;

    /**
     * An event record prepared off the writer thread: {@code record} has its clear header (with a fresh
     * nonce) in place and room for the ciphertext; {@code padded} is the outer plaintext. Only the outer
     * seal, which needs the previous chain value, is left for the writer ({@link #sealPrepared}).
     */
    record Prepared(byte[] record, byte[] padded) {}

    RecordCodec(byte[] logKey, byte[] chainKey, int logKeyId) {
        try {
            this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
            this.chainMac = Mac.getInstance("HmacSHA256");
            this.chainMac.init(new SecretKeySpec(chainKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks AES/GCM or HmacSHA256", e);
        }
        this.logKeySpec = new SecretKeySpec(logKey, "AES");
        this.logKeyId = logKeyId;
    }

    byte[] genesis(byte[] vaultId) {
        chainMac.update(GENESIS_LABEL);
        return chainMac.doFinal(vaultId);
    }

    byte[] chain(byte[] previous, byte[] record) {
        chainMac.update(previous);
        return chainMac.doFinal(record);
    }

    byte[] sealOuter(OuterRecord outer, byte[] previousChain, SecureRandom random) {
        byte[] nonce = Crypto.randomBytes(random, Crypto.NONCE_BYTES);
        return sealPrepared(prepareOuter(outer, nonce, 0), previousChain);
    }

    /** Pads the outer plaintext and lays out the clear header with {@code nonces[nonceOffset..+12]}. */
    Prepared prepareOuter(OuterRecord outer, byte[] nonces, int nonceOffset) {
        int size = outer.getSerializedSize();
        byte[] padded = new byte[bucket(size)];
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(padded, 0, size);
            outer.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("outer record encoding", e);
        }
        padded[size] = (byte) 0x80;
        byte[] record = new byte[HEADER_BYTES + padded.length + Crypto.TAG_BYTES];
        record[0] = (byte) VERSION;
        record[1] = (byte) (logKeyId >>> 24);
        record[2] = (byte) (logKeyId >>> 16);
        record[3] = (byte) (logKeyId >>> 8);
        record[4] = (byte) logKeyId;
        System.arraycopy(nonces, nonceOffset, record, 5, Crypto.NONCE_BYTES);
        return new Prepared(record, padded);
    }

    /**
     * Everything of an event record that does not depend on the chain, so callers can do it in parallel:
     * the inner seal under the stream key and the padded outer plaintext. {@code nonces} holds the inner
     * nonce at {@code nonceOffset} and the outer nonce right after it (24 fresh random bytes).
     */
    Prepared prepareEvent(byte[] streamKey, int keyId, long sequence, long timestampMillis, byte[] payload,
                          byte[] nonces, int nonceOffset) {
        byte[] inner = sealInner(streamKey, nonces, nonceOffset, keyId, sequence, timestampMillis, payload);
        OuterRecord outer = OuterRecord.newBuilder()
                .setKind(OuterRecord.Kind.EVENT)
                .setStreamKeyId(keyId)
                .setSequence(sequence)
                .setInnerNonce(ByteString.copyFrom(nonces, nonceOffset, Crypto.NONCE_BYTES))
                .setInnerCiphertext(UnsafeByteOperations.unsafeWrap(inner))
                .build();
        return prepareOuter(outer, nonces, nonceOffset + Crypto.NONCE_BYTES);
    }

    /** The serial part of sealing: the outer AEAD over the prepared plaintext, bound to the previous chain value. */
    byte[] sealPrepared(Prepared prepared, byte[] previousChain) {
        byte[] record = prepared.record();
        byte[] padded = prepared.padded();
        try {
            gcm.init(Cipher.ENCRYPT_MODE, logKeySpec, new GCMParameterSpec(Crypto.TAG_BITS, record, 5, Crypto.NONCE_BYTES));
            gcm.updateAAD(outerAad(record, previousChain));
            gcm.doFinal(padded, 0, padded.length, record, HEADER_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM seal failed", e);
        } finally {
            Crypto.wipe(padded);
        }
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
        byte[] padded;
        try {
            gcm.init(Cipher.DECRYPT_MODE, logKeySpec, new GCMParameterSpec(Crypto.TAG_BITS, record, 5, Crypto.NONCE_BYTES));
            gcm.updateAAD(outerAad(record, previousChain));
            padded = gcm.doFinal(record, HEADER_BYTES, record.length - HEADER_BYTES);
        } catch (AEADBadTagException e) {
            throw new RecordException("authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM open failed", e);
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
        return sealInner(streamKey, nonce, 0, keyId, sequence, timestampMillis, payload);
    }

    private byte[] sealInner(byte[] streamKey, byte[] nonce, int nonceOffset, int keyId, long sequence, long timestampMillis,
                             byte[] payload) {
        // The payload is only read while serializing, so it is wrapped rather than copied.
        byte[] plain = InnerRecord.newBuilder().setTimestampMillis(timestampMillis)
                .setPayload(UnsafeByteOperations.unsafeWrap(payload)).build().toByteArray();
        try {
            Cipher inner = innerCipher(keyId);
            inner.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(streamKey, "AES"),
                    new GCMParameterSpec(Crypto.TAG_BITS, nonce, nonceOffset, Crypto.NONCE_BYTES));
            inner.updateAAD(innerAad(keyId, sequence));
            return inner.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM seal failed", e);
        } finally {
            Crypto.wipe(plain);
        }
    }

    InnerRecord openInner(byte[] streamKey, OuterRecord outer) throws RecordException {
        if (outer.getInnerNonce().size() != Crypto.NONCE_BYTES || outer.getInnerCiphertext().size() < Crypto.TAG_BYTES) {
            throw new RecordException("inner record shape");
        }
        byte[] plain;
        try {
            Cipher inner = innerCipher(outer.getStreamKeyId());
            inner.init(Cipher.DECRYPT_MODE, new SecretKeySpec(streamKey, "AES"),
                    new GCMParameterSpec(Crypto.TAG_BITS, outer.getInnerNonce().toByteArray()));
            inner.updateAAD(innerAad(outer.getStreamKeyId(), outer.getSequence()));
            plain = inner.doFinal(outer.getInnerCiphertext().toByteArray());
        } catch (AEADBadTagException e) {
            throw new RecordException("inner authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM open failed", e);
        }
        try {
            return InnerRecord.parseFrom(plain);
        } catch (InvalidProtocolBufferException e) {
            throw new RecordException("inner record encoding");
        } finally {
            Crypto.wipe(plain);
        }
    }

    /**
     * The Cipher used for one stream key id. Every init still passes the key itself, so the cache only
     * decides which instance (and which cached key schedule) is reused, never which key is used.
     */
    private Cipher innerCipher(int keyId) throws GeneralSecurityException {
        Cipher cipher = innerCiphers.get(keyId);
        if (cipher == null) {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
            innerCiphers.put(keyId, cipher);
        }
        return cipher;
    }

    /** Drops every stream-key Cipher (after a shred), so a long-lived codec keeps no schedule of a forgotten key. */
    void forgetStreamKeys() {
        innerCiphers.clear();
    }

    /**
     * header || chain[i-1] in one reused buffer: one updateAAD call instead of two (GCM buffers a partial
     * AAD block between calls, which costs more than the copy).
     */
    private byte[] outerAad(byte[] record, byte[] previousChain) {
        byte[] aad = outerAad;
        if (aad.length != HEADER_BYTES + previousChain.length) {
            aad = new byte[HEADER_BYTES + previousChain.length];
        }
        System.arraycopy(record, 0, aad, 0, HEADER_BYTES);
        System.arraycopy(previousChain, 0, aad, HEADER_BYTES, previousChain.length);
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
