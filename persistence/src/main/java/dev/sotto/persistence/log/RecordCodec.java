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
 * Seals and opens one log record (DESIGN.md, The log, precisely). Two formats; a vault's key ring says
 * which one its log uses ({@code KeyRing.logFormat}), and every record's clear version byte must agree.
 *
 * <p><b>Format 1</b> (vaults made before format 2; still read, verified and appended to):
 * <pre>
 * record  = header || AES-256-GCM(logKey, nonce, aad = header || chain[i-1], pad(OuterRecord))
 * header  = version(1) || logKeyId(4, big-endian) || nonce(12)              -- the only clear bytes
 * inner   = AES-256-GCM(streamKey, innerNonce, aad = "sotto-inner-v1" || keyId || sequence, InnerRecord)
 * chain[i]= HMAC-SHA256(chainKey, chain[i-1] || record_i),  chain[-1] = HMAC(chainKey, "genesis" || vaultId)
 * </pre>
 * The outer seal needs the previous record's chain value, so every record's outer AEAD ran on the single
 * writer thread, one after the other: that capped appends at a fraction of raw Chronicle.
 *
 * <p><b>Format 2</b> (new vaults): the chain moves out of the AEAD's associated data into a stored tag.
 * <pre>
 * sealed  = header || AES-256-GCM(logKey, nonce, aad = header, pad(OuterRecord))   -- callers' threads
 * inner   = AES-256-GCM(streamKey, nonce, aad = "sotto-inner-v2" || keyId || sequence, pad16(InnerRecord))
 * chain[i]= HMAC-SHA256(chainKey, chain[i-1] || sealed_i)                           -- the writer thread
 * record  = sealed || chain[i][0..16)
 * </pre>
 * Why this is as strong as format 1 (DESIGN.md, "records are chained so that a removed, reordered or
 * altered record is detected on replay"; issue 3, Format and crypto):
 * <ul>
 *   <li>Altered: every byte of {@code sealed} is under the outer GCM tag (header as associated data),
 *       and the chain tag itself is an HMAC output: a changed byte fails one or the other, at its own
 *       position, exactly as a changed byte failed the outer AEAD in format 1.</li>
 *   <li>Removed, reordered, duplicated: chain[i] is the same HMAC chain as in format 1 over the same
 *       sealed bytes, so it commits to every record before i in order. In format 1 the verifier learnt
 *       it the hard way (the AEAD under chain[i-1] failed); here it compares the stored 128-bit tag with
 *       the chain value it computes, and a mismatch is reported at the first record whose predecessor
 *       changed. A forged tag means forging HMAC-SHA256 under a key the attacker does not hold: the same
 *       2^-128 bound as forging the 128-bit GCM tag that carried the chain in format 1. The HMAC covers
 *       the whole sealed record (not only the GCM tag), so the chain binds the bytes even if GCM's own
 *       authenticity were lost (a random-nonce collision), as format 1's chain did.</li>
 *   <li>Shred: the chain covers ciphertext only, never the stream key, so it still verifies after a
 *       stream key is destroyed; the inner AEAD stays under the stream key.</li>
 *   <li>Torn tail, anchors: unchanged. A torn record fails its chain tag or its AEAD like any altered
 *       one, and the anchor (count, chain head) in the key ring is the same chain value.</li>
 *   <li>Nonces: still 96 random bits per record, never derived from a counter, so a record torn by a
 *       crash and written again gets a fresh one. The inner and the outer AEAD share the record's nonce:
 *       they run under independent keys (a stream's random key, the log key), and GCM's requirement is
 *       a unique nonce per key. That saves format 1's second nonce (12 bytes and its field).</li>
 *   <li>Downgrade: the format is in the sealed key ring and the version byte is under the AEAD, so a
 *       format-1 record cannot be passed off in a format-2 log.</li>
 * </ul>
 * What changes is only where the work happens: both AEADs of an event are sealed on the appending
 * thread, and the writer's serial work per record is one short HMAC and the queue write.
 *
 * <p><b>Format 3</b> (new vaults): format 2's record, chain and padding, but one record carries every event the
 * writer takes from its queue at once (up to {@code EventLog.BATCH_RECORD_BYTES}; hundreds in a burst). A record of
 * one event, the usual case when appends come one at a time, is exactly format 2's record ({@link #sealSingle3}:
 * top-level EVENT, the inner layer under the record's nonce) apart from the version byte and the inner label.
 * <pre>
 * entry   = OuterRecord{EVENT, stream_key_id, sequence, inner_nonce, inner_ciphertext}       -- callers' threads
 * inner   = AES-256-GCM(streamKey, inner_nonce, aad = "sotto-inner-v3" || keyId || sequence, pad16(InnerRecord))
 * sealed  = header || AES-256-GCM(logKey, nonce, aad = header, pad(OuterRecord{EVENT_BATCH, events = entries}))
 * chain[i]= HMAC-SHA256(chainKey, chain[i-1] || sealed_i)                                     -- the writer
 * record  = sealed || chain[i][0..16)
 * </pre>
 * Why: the outer AES-GCM seal (about 0.5 us of fixed JCE cost each), the chain HMAC and Chronicle's per-document
 * work were paid per event; a burst now pays them once per record, and the appending thread only seals the inner
 * layer. What each event keeps: its own inner AEAD under its stream's key with its own random nonce (so a shred
 * still removes exactly its content, and an event's nonce is never shared with another event under the same key);
 * its stream id and sequence only inside the outer AEAD (DESIGN.md, The log, precisely); its own position (a
 * record of n events takes n consecutive positions, a control record one, so positions stay dense and in append
 * order). Detection is format 2's, per record: a changed byte anywhere in a record fails its outer AEAD or chain
 * tag, and inside a record the events are in the AEAD's plaintext, so none can be removed, reordered or
 * duplicated without failing it. Sizes on disk: a record of one event is padded as in format 2; a record of
 * several is padded to whole KiB ({@link #batchBucket}), so its size reveals at most the total of its events' sizes
 * to the KiB, not any single event's size. Control records are format 2's with version byte 3 (checkShape3).
 *
 * <p>Both formats pad the outer plaintext (ISO/IEC 7816-4: 0x80 then zeros) to 64/256/1K/4K buckets,
 * then multiples of 4K, so sizes on disk do not reveal message lengths; format 2 also pads the inner
 * plaintext to whole AES blocks (the JCE's GCM takes a slow path for a partial last block). One
 * instance per thread.
 */
final class RecordCodec {
    static final int VERSION = 1;
    static final int VERSION_2 = 2;
    static final int VERSION_3 = 3;
    static final int HEADER_BYTES = 1 + 4 + Crypto.NONCE_BYTES;
    /** HMAC-SHA256 output: the size of a chain value. */
    static final int CHAIN_BYTES = 32;
    /** Format 2: the stored part of chain[i] at the end of each record. */
    static final int CHAIN_TAG_BYTES = 16;
    static final int MAX_PAYLOAD_BYTES = 1 << 20;
    static final int MAX_RECORD_BYTES = MAX_PAYLOAD_BYTES + 16 * 1024;
    private static final byte[] INNER_LABEL = "sotto-inner-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INNER_LABEL_2 = "sotto-inner-v2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INNER_LABEL_3 = "sotto-inner-v3".getBytes(StandardCharsets.US_ASCII);
    /** Format 3: an entry of a batch is the protobuf encoding of an EVENT OuterRecord, as field 7 of the batch. */
    private static final int EVENTS_FIELD = 7;
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
    private final Map<Integer, StreamCipher> innerCiphers = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, StreamCipher> eldest) {
            return size() > INNER_CIPHERS;
        }
    };
    private final Mac chainMac;
    private final byte[] outerAad = new byte[HEADER_BYTES + CHAIN_BYTES];
    private final SecretKeySpec logKeySpec;
    private final int logKeyId;
    private final int format;
    private final byte[] innerAad2 = new byte[INNER_LABEL_2.length + 12];
    // Format 2 scratch: the inner and the outer plaintext of the record being sealed (wiped after use).
    private byte[] innerPlain = new byte[256];
    private byte[] outerPlain = new byte[256];

    /**
     * An event record prepared off the writer thread: {@code record} has its clear header (with a fresh
     * nonce) in place and room for the ciphertext; {@code padded} is the outer plaintext. Only the outer
     * seal, which needs the previous chain value, is left for the writer ({@link #sealPrepared}).
     */
    record Prepared(byte[] record, byte[] padded) {}

    RecordCodec(byte[] logKey, byte[] chainKey, int logKeyId) {
        this(logKey, chainKey, logKeyId, VERSION);
    }

    RecordCodec(byte[] logKey, byte[] chainKey, int logKeyId, int format) {
        if (format != VERSION && format != VERSION_2 && format != VERSION_3) {
            throw new IllegalArgumentException("unknown log format");
        }
        this.format = format;
        System.arraycopy(format == VERSION_3 ? INNER_LABEL_3 : INNER_LABEL_2, 0, innerAad2, 0, INNER_LABEL_2.length);
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

    /**
     * A codec that only opens inner layers ({@link #openInner}, under stream keys passed in): its log and chain keys
     * are zeros, so opening a sealed record later ({@link SealedRecord}) copies neither real key into a key spec.
     */
    static RecordCodec innerOnly(int format) {
        return new RecordCodec(new byte[Crypto.KEY_BYTES], new byte[Crypto.KEY_BYTES], 0, format);
    }

    byte[] genesis(byte[] vaultId) {
        chainMac.update(GENESIS_LABEL);
        return chainMac.doFinal(vaultId);
    }

    int format() {
        return format;
    }

    /** chain[i] from chain[i-1] and record i's bytes (format 2: without its stored chain tag). */
    byte[] chain(byte[] previous, byte[] record) {
        chainMac.update(previous);
        if (format == VERSION) {
            return chainMac.doFinal(record);
        }
        chainMac.update(record, 0, Math.max(0, record.length - CHAIN_TAG_BYTES));
        return chainMac.doFinal();
    }

    /**
     * Format 2, the writer's serial step: chain[i] into {@code out} (32 bytes) and its first
     * {@link #CHAIN_TAG_BYTES} into the record's last bytes. Allocates nothing.
     */
    void chainAndTag(byte[] previous, byte[] record, byte[] out) {
        chainMac.update(previous);
        chainMac.update(record, 0, record.length - CHAIN_TAG_BYTES);
        try {
            chainMac.doFinal(out, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException("chain buffer", e);
        }
        System.arraycopy(out, 0, record, record.length - CHAIN_TAG_BYTES, CHAIN_TAG_BYTES);
    }

    /** Format 2: the stored chain tag agrees with the chain value computed for this record. */
    static boolean chainTagMatches(byte[] record, byte[] chainAfter) {
        if (record.length < CHAIN_TAG_BYTES || chainAfter == null) {
            return false;
        }
        int diff = 0;
        int at = record.length - CHAIN_TAG_BYTES;
        for (int i = 0; i < CHAIN_TAG_BYTES; i++) {
            diff |= record[at + i] ^ chainAfter[i];
        }
        return diff == 0; // constant time, as MessageDigest.isEqual, without copying the tag out
    }

    // ------------------------------------------------------------------ format 2

    /**
     * Format 2: an event record sealed completely (both AEADs) on the calling thread, with room for the
     * chain tag that the writer fills in ({@link #chainAndTag}). {@code nonces[nonceOffset..+12]} is the
     * record's fresh random nonce.
     */
    byte[] sealEvent2(byte[] streamKey, int keyId, long sequence, long timestampMillis, byte[] payload,
                      byte[] nonces, int nonceOffset) {
        int innerSize = innerSize(timestampMillis, payload);
        int innerPadded = (innerSize + 1 + 15) & ~15;
        int innerCiphertext = innerPadded + Crypto.TAG_BYTES;
        // OuterRecord{kind = EVENT, stream_key_id, sequence, inner_ciphertext} written field by field with
        // protobuf's own CodedOutputStream, so the inner ciphertext lands in place instead of being copied
        // into a ByteString; the generated parser reads it (RecordCodecTest checks the bytes are identical).
        int prefix = eventPrefixSize(keyId, sequence, false, innerCiphertext);
        int outerSize = prefix + innerCiphertext;
        int padded = bucket(outerSize);
        byte[] op = outerPlain.length >= padded ? outerPlain : (outerPlain = new byte[padded]);
        try {
            writeEventPrefix(op, prefix, keyId, sequence, null, 0, innerCiphertext);
            sealInnerPadded(streamKey, keyId, sequence, timestampMillis, payload, innerSize, innerPadded, nonces, nonceOffset,
                    op, prefix);
            op[outerSize] = (byte) 0x80;
            Arrays.fill(op, outerSize + 1, padded, (byte) 0);
            return sealOuter2(op, padded, nonces, nonceOffset);
        } finally {
            Arrays.fill(op, 0, padded, (byte) 0);
        }
    }

    /** The size of InnerRecord{timestamp_millis, payload} as the generated serializer writes it (proto3: zero and empty fields left out). */
    private static int innerSize(long timestampMillis, byte[] payload) {
        return (timestampMillis != 0 ? CodedOutputStream.computeInt64Size(1, timestampMillis) : 0)
                + (payload.length != 0 ? CodedOutputStream.computeByteArraySize(2, payload) : 0);
    }

    /** Bytes of an EVENT OuterRecord before its inner ciphertext (format 3's entries also carry the event's nonce). */
    private static int eventPrefixSize(int keyId, long sequence, boolean withNonce, int innerCiphertext) {
        return CodedOutputStream.computeEnumSize(1, OuterRecord.Kind.EVENT_VALUE)
                + (keyId != 0 ? CodedOutputStream.computeUInt32Size(2, keyId) : 0)
                + (sequence != 0 ? CodedOutputStream.computeUInt64Size(3, sequence) : 0)
                + (withNonce ? CodedOutputStream.computeTagSize(4) + CodedOutputStream.computeUInt32SizeNoTag(Crypto.NONCE_BYTES)
                        + Crypto.NONCE_BYTES : 0)
                + CodedOutputStream.computeTagSize(5) + CodedOutputStream.computeUInt32SizeNoTag(innerCiphertext);
    }

    /**
     * Writes an EVENT OuterRecord's fields up to its inner ciphertext's length into {@code dest[0..prefix)}, in field
     * order as the generated serializer does; {@code nonces} null: no inner_nonce (format 2).
     */
    private static void writeEventPrefix(byte[] dest, int prefix, int keyId, long sequence, byte[] nonces, int nonceOffset,
                                         int innerCiphertext) {
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(dest, 0, prefix);
            out.writeEnum(1, OuterRecord.Kind.EVENT_VALUE);
            if (keyId != 0) {
                out.writeUInt32(2, keyId);
            }
            if (sequence != 0) {
                out.writeUInt64(3, sequence);
            }
            if (nonces != null) {
                out.writeTag(4, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(Crypto.NONCE_BYTES);
                out.writeRawBytes(nonces, nonceOffset, Crypto.NONCE_BYTES);
            }
            out.writeTag(5, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(innerCiphertext);
            out.checkNoSpaceLeft();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("record encoding", e);
        }
    }

    /**
     * Formats 2 and 3: InnerRecord{timestamp_millis, payload}, padded (0x80, zeros) to {@code innerPadded} bytes, sealed
     * under the stream key with {@code nonces[nonceOffset..+12]} and the format's label, key id and sequence as
     * associated data, into {@code dest} at {@code destOffset}. The plaintext scratch is wiped afterwards.
     */
    private void sealInnerPadded(byte[] streamKey, int keyId, long sequence, long timestampMillis, byte[] payload,
                                 int innerSize, int innerPadded, byte[] nonces, int nonceOffset, byte[] dest, int destOffset) {
        byte[] ip = innerPlain.length >= innerPadded ? innerPlain : (innerPlain = new byte[innerPadded]);
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(ip, 0, innerSize);
            if (timestampMillis != 0) {
                out.writeInt64(1, timestampMillis);
            }
            if (payload.length != 0) {
                out.writeByteArray(2, payload);
            }
            out.checkNoSpaceLeft();
            ip[innerSize] = (byte) 0x80;
            Arrays.fill(ip, innerSize + 1, innerPadded, (byte) 0);
            StreamCipher sc = innerCipher(keyId);
            sc.cipher.init(Cipher.ENCRYPT_MODE, sc.spec(streamKey),
                    new GCMParameterSpec(Crypto.TAG_BITS, nonces, nonceOffset, Crypto.NONCE_BYTES));
            sc.cipher.updateAAD(innerAad2(keyId, sequence));
            sc.cipher.doFinal(ip, 0, innerPadded, dest, destOffset);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("record encoding", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM seal failed", e);
        } finally {
            Arrays.fill(ip, 0, innerPadded, (byte) 0);
        }
    }

    // ------------------------------------------------------------------ format 3

    /**
     * Format 3, the appending thread's part: one event's batch entry, the protobuf encoding of
     * {@code OuterRecord{kind = EVENT, stream_key_id, sequence, inner_nonce, inner_ciphertext}} with the inner
     * layer sealed in place under the stream key and {@code nonces[nonceOffset..+12]} (fresh random bits,
     * this event's own). The writer concatenates entries into one record ({@link #sealBatch3}).
     */
    byte[] sealEntry3(byte[] streamKey, int keyId, long sequence, long timestampMillis, byte[] payload,
                      byte[] nonces, int nonceOffset) {
        int innerSize = innerSize(timestampMillis, payload);
        int innerPadded = (innerSize + 1 + 15) & ~15;
        int innerCiphertext = innerPadded + Crypto.TAG_BYTES;
        int prefix = eventPrefixSize(keyId, sequence, true, innerCiphertext);
        byte[] entry = new byte[prefix + innerCiphertext];
        writeEventPrefix(entry, prefix, keyId, sequence, nonces, nonceOffset, innerCiphertext);
        sealInnerPadded(streamKey, keyId, sequence, timestampMillis, payload, innerSize, innerPadded, nonces, nonceOffset,
                entry, prefix);
        return entry;
    }

    /** Format 3: the bytes one entry adds to a batch's outer plaintext (its field 7 tag and length, then itself). */
    static int batchEntrySize(byte[] entry) {
        return CodedOutputStream.computeTagSize(EVENTS_FIELD) + CodedOutputStream.computeUInt32SizeNoTag(entry.length)
                + entry.length;
    }

    /**
     * Format 3, the writer's part: {@code entries[0..count)} (from {@link #sealEntry3}, whose sizes from
     * {@link #batchEntrySize} add up to {@code entryBytes}) as one record: {@code OuterRecord{kind = EVENT_BATCH,
     * events}}, padded to its bucket and sealed under the log key with {@code nonces[nonceOffset..+12]}, with room
     * for the chain tag ({@link #chainAndTag}).
     */
    byte[] sealBatch3(byte[][] entries, int count, int entryBytes, byte[] nonces, int nonceOffset) {
        int size = CodedOutputStream.computeEnumSize(1, OuterRecord.Kind.EVENT_BATCH_VALUE) + entryBytes;
        int padded = count == 1 ? bucket(size) : batchBucket(size);
        byte[] op = outerPlain.length >= padded ? outerPlain : (outerPlain = new byte[padded]);
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(op, 0, size);
            out.writeEnum(1, OuterRecord.Kind.EVENT_BATCH_VALUE);
            for (int i = 0; i < count; i++) {
                out.writeTag(EVENTS_FIELD, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(entries[i].length);
                out.writeRawBytes(entries[i]);
            }
            out.checkNoSpaceLeft();
            op[size] = (byte) 0x80;
            Arrays.fill(op, size + 1, padded, (byte) 0);
            return sealOuter2(op, padded, nonces, nonceOffset);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("record encoding", e);
        } finally {
            Arrays.fill(op, 0, padded, (byte) 0);
        }
    }

    /**
     * Format 3's rules for an authenticated outer record: events only inside an EVENT_BATCH, never at the top;
     * a batch holds at least one event, each of kind EVENT with a 12-byte nonce of its own and nothing nested;
     * control records carry no events and no nonce. (Only the log key's holder can write such a record; the
     * checks keep a bug or a foreign writer from being read as something else.)
     */
    private static void checkShape3(OuterRecord outer) throws RecordException {
        if (outer.getKind() == OuterRecord.Kind.EVENT_BATCH) {
            if (outer.getEventsCount() == 0 || !outer.getInnerNonce().isEmpty() || !outer.getInnerCiphertext().isEmpty()) {
                throw new RecordException("inner record shape");
            }
            for (OuterRecord event : outer.getEventsList()) {
                if (event.getKind() != OuterRecord.Kind.EVENT || event.getInnerNonce().size() != Crypto.NONCE_BYTES
                        || event.getEventsCount() != 0) {
                    throw new RecordException("inner record shape");
                }
            }
        } else if (outer.getEventsCount() != 0 || !outer.getInnerNonce().isEmpty()) {
            // A lone EVENT (sealSingle3) is format 2's record: its inner layer uses the record's nonce.
            throw new RecordException("inner record shape");
        }
    }

    /**
     * Format 3, a record of one event (what the writer makes whenever it takes a single event, the usual case when
     * messages come one at a time): format 2's record for it, {@code OuterRecord{kind = EVENT, stream_key_id, sequence,
     * inner_ciphertext}} with the event's own nonce as the record's nonce, made from the event's batch entry
     * ({@link #sealEntry3}) by leaving its inner_nonce field out. As in format 2 the inner AEAD (stream key) and the
     * outer one (log key) share that random nonce under their different keys. Why not a batch of one: the entry's
     * nonce and the batch's framing are 17 bytes more, which put a 200-byte message past the 256-byte bucket.
     */
    byte[] sealSingle3(byte[] entry) {
        // The entry as sealEntry3 wrote it: kind, [stream_key_id], [sequence], inner_nonce (tag 0x22, length 12), then
        // inner_ciphertext.
        int at = 2;
        if (entry[at] == 0x10) {
            at = skipVarint(entry, at + 1);
        }
        if (entry[at] == 0x18) {
            at = skipVarint(entry, at + 1);
        }
        if (entry[at] != 0x22 || entry[at + 1] != Crypto.NONCE_BYTES) {
            throw new IllegalStateException("not an entry of sealEntry3");
        }
        int nonceAt = at + 2;
        int rest = nonceAt + Crypto.NONCE_BYTES;
        int size = entry.length - (rest - at);
        int padded = bucket(size);
        byte[] op = outerPlain.length >= padded ? outerPlain : (outerPlain = new byte[padded]);
        try {
            System.arraycopy(entry, 0, op, 0, at);
            System.arraycopy(entry, rest, op, at, entry.length - rest);
            op[size] = (byte) 0x80;
            Arrays.fill(op, size + 1, padded, (byte) 0);
            return sealOuter2(op, padded, entry, nonceAt);
        } finally {
            Arrays.fill(op, 0, padded, (byte) 0);
        }
    }

    private static int skipVarint(byte[] b, int at) {
        while ((b[at] & 0x80) != 0) {
            at++;
        }
        return at + 1;
    }

    /** Format 2: a control record (tombstone, torn-tail acknowledgement), sealed by the writer. */
    byte[] sealControl2(OuterRecord outer, byte[] nonces, int nonceOffset) {
        int size = outer.getSerializedSize();
        int padded = bucket(size);
        byte[] op = new byte[padded];
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(op, 0, size);
            outer.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("outer record encoding", e);
        }
        op[size] = (byte) 0x80;
        return sealOuter2(op, padded, nonces, nonceOffset);
    }

    private byte[] sealOuter2(byte[] padded, int length, byte[] nonces, int nonceOffset) {
        byte[] record = new byte[HEADER_BYTES + length + Crypto.TAG_BYTES + CHAIN_TAG_BYTES];
        record[0] = (byte) format;
        record[1] = (byte) (logKeyId >>> 24);
        record[2] = (byte) (logKeyId >>> 16);
        record[3] = (byte) (logKeyId >>> 8);
        record[4] = (byte) logKeyId;
        System.arraycopy(nonces, nonceOffset, record, 5, Crypto.NONCE_BYTES);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, logKeySpec, new GCMParameterSpec(Crypto.TAG_BITS, record, 5, Crypto.NONCE_BYTES));
            gcm.updateAAD(record, 0, HEADER_BYTES);
            gcm.doFinal(padded, 0, length, record, HEADER_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM seal failed", e);
        }
        return record;
    }

    private byte[] innerAad2(int keyId, long sequence) {
        byte[] aad = innerAad2;
        int at = INNER_LABEL_2.length;
        for (int i = 0; i < 4; i++) {
            aad[at + i] = (byte) (keyId >>> (24 - 8 * i));
        }
        for (int i = 0; i < 8; i++) {
            aad[at + 4 + i] = (byte) (sequence >>> (56 - 8 * i));
        }
        return aad;
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

    /**
     * Authenticates a record and parses its outer layer. Format 1 authenticates against the previous chain
     * value (associated data); format 2 checks the stored chain tag against {@code chainAfter} (chain[i]
     * as the reader computed it from chain[i-1] and this record) and the AEAD against the header alone.
     */
    OuterRecord openOuter(byte[] record, byte[] previousChain, byte[] chainAfter) throws RecordException {
        if (format != VERSION) {
            return openOuter2(record, chainAfter);
        }
        return openOuter(record, previousChain);
    }

    private OuterRecord openOuter2(byte[] record, byte[] chainAfter) throws RecordException {
        checkHeader(record, format, HEADER_BYTES + Crypto.TAG_BYTES + CHAIN_TAG_BYTES);
        if (!chainTagMatches(record, chainAfter)) {
            throw new RecordException("chain broken (a record before this one was removed, moved or altered)");
        }
        byte[] padded;
        try {
            gcm.init(Cipher.DECRYPT_MODE, logKeySpec, new GCMParameterSpec(Crypto.TAG_BITS, record, 5, Crypto.NONCE_BYTES));
            gcm.updateAAD(record, 0, HEADER_BYTES);
            padded = gcm.doFinal(record, HEADER_BYTES, record.length - HEADER_BYTES - CHAIN_TAG_BYTES);
        } catch (AEADBadTagException e) {
            throw new RecordException("authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM open failed", e);
        }
        int length = unpaddedLength(padded);
        try {
            OuterRecord outer = OuterRecord.parseFrom(ByteBuffer.wrap(padded, 0, length));
            if (format == VERSION_3) {
                checkShape3(outer);
            } else if (!outer.getInnerNonce().isEmpty() || outer.getEventsCount() != 0
                    || outer.getKind() == OuterRecord.Kind.EVENT_BATCH) {
                throw new RecordException("inner record shape"); // batches are format 3's
            }
            return outer;
        } catch (InvalidProtocolBufferException e) {
            throw new RecordException("outer record encoding");
        } finally {
            Crypto.wipe(padded);
        }
    }

    /** The clear header's checks, before any crypto: bounds, the format's version byte, this vault's log key id. */
    private void checkHeader(byte[] record, int version, int minLength) throws RecordException {
        if (record.length < minLength) {
            throw new RecordException("record too short");
        }
        if (record.length > MAX_RECORD_BYTES) {
            throw new RecordException("record too long");
        }
        if (record[0] != version) {
            throw new RecordException("unknown record version");
        }
        if (ByteBuffer.wrap(record, 1, 4).getInt() != logKeyId) {
            throw new RecordException("unknown log key id");
        }
    }

    /** Format 1: authenticates a record against the previous chain value and parses its outer layer. */
    OuterRecord openOuter(byte[] record, byte[] previousChain) throws RecordException {
        checkHeader(record, VERSION, HEADER_BYTES + Crypto.TAG_BYTES);
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
            OuterRecord outer = OuterRecord.parseFrom(ByteBuffer.wrap(padded, 0, length));
            if (outer.getKind() == OuterRecord.Kind.EVENT_BATCH || outer.getEventsCount() != 0) {
                throw new RecordException("inner record shape"); // batches are format 3's
            }
            return outer;
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
            StreamCipher sc = innerCipher(keyId);
            Cipher inner = sc.cipher;
            inner.init(Cipher.ENCRYPT_MODE, sc.spec(streamKey),
                    new GCMParameterSpec(Crypto.TAG_BITS, nonce, nonceOffset, Crypto.NONCE_BYTES));
            inner.updateAAD(innerAad(keyId, sequence));
            return inner.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM seal failed", e);
        } finally {
            Crypto.wipe(plain);
        }
    }

    /** Opens an event's inner layer; {@code record} is the whole record (format 2 takes its nonce). */
    InnerRecord openInner(byte[] streamKey, OuterRecord outer, byte[] record) throws RecordException {
        if (format == VERSION) {
            return openInner(streamKey, outer);
        }
        int n = outer.getInnerCiphertext().size();
        if (n < Crypto.TAG_BYTES + 16 || (n - Crypto.TAG_BYTES) % 16 != 0 || record.length < HEADER_BYTES
                || (format == VERSION_3 && !outer.getInnerNonce().isEmpty() && outer.getInnerNonce().size() != Crypto.NONCE_BYTES)) {
            throw new RecordException("inner record shape");
        }
        byte[] plain;
        try {
            StreamCipher sc = innerCipher(outer.getStreamKeyId());
            Cipher inner = sc.cipher;
            // Format 3: each event of a batch carries its own nonce (checkShape3); a lone event (sealSingle3) and
            // format 2: the record's.
            GCMParameterSpec spec = format == VERSION_3 && !outer.getInnerNonce().isEmpty()
                    ? new GCMParameterSpec(Crypto.TAG_BITS, outer.getInnerNonce().toByteArray())
                    : new GCMParameterSpec(Crypto.TAG_BITS, record, 5, Crypto.NONCE_BYTES);
            inner.init(Cipher.DECRYPT_MODE, sc.spec(streamKey), spec);
            inner.updateAAD(innerAad2(outer.getStreamKeyId(), outer.getSequence()));
            plain = inner.doFinal(outer.getInnerCiphertext().toByteArray());
        } catch (AEADBadTagException e) {
            throw new RecordException("inner authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM open failed", e);
        }
        try {
            return InnerRecord.parseFrom(ByteBuffer.wrap(plain, 0, unpaddedLength(plain)));
        } catch (InvalidProtocolBufferException e) {
            throw new RecordException("inner record encoding");
        } finally {
            Crypto.wipe(plain);
        }
    }

    /** Format 1: opens an event's inner layer with the nonce it carries. */
    InnerRecord openInner(byte[] streamKey, OuterRecord outer) throws RecordException {
        if (outer.getInnerNonce().size() != Crypto.NONCE_BYTES || outer.getInnerCiphertext().size() < Crypto.TAG_BYTES) {
            throw new RecordException("inner record shape");
        }
        byte[] plain;
        try {
            StreamCipher sc = innerCipher(outer.getStreamKeyId());
            Cipher inner = sc.cipher;
            inner.init(Cipher.DECRYPT_MODE, sc.spec(streamKey),
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
    private StreamCipher innerCipher(int keyId) throws GeneralSecurityException {
        StreamCipher cipher = innerCiphers.get(keyId);
        if (cipher == null) {
            cipher = new StreamCipher(Cipher.getInstance("AES/GCM/NoPadding"));
            innerCiphers.put(keyId, cipher);
        }
        return cipher;
    }

    /**
     * A stream key id's Cipher and the SecretKeySpec last made for it. The spec is reused only for the very array it
     * was made from (the key ring's entry, the same object on every append), so a different key under the same id
     * still gets its own spec; it saves a key copy and an object per seal and open.
     */
    private static final class StreamCipher {
        final Cipher cipher;
        private byte[] keyRef;
        private SecretKeySpec spec;

        StreamCipher(Cipher cipher) {
            this.cipher = cipher;
        }

        SecretKeySpec spec(byte[] key) {
            if (key != keyRef) {
                spec = new SecretKeySpec(key, "AES");
                keyRef = key;
            }
            return spec;
        }
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
    /**
     * Format 3, a record of two or more events: padded to a whole number of KiB. Its size then tells at most the total
     * of its events' sizes to the KiB, where format 2 told each event's bucket; a lone event keeps {@link #bucket}. The
     * buckets' jump from 1 KiB to 4 KiB would otherwise double what a burst writes, encrypts and chains.
     */
    static int batchBucket(int n) {
        return (n + 1 + 1023) / 1024 * 1024;
    }

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
