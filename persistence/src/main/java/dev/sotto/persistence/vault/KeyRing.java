package dev.sotto.persistence.vault;

import com.google.protobuf.ByteString;
import dev.sotto.persistence.proto.Anchor;
import dev.sotto.persistence.proto.KeyRingBody;
import dev.sotto.persistence.proto.StreamKey;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The unsealed key ring: the master key, one data key per stream, the shredded key ids and the
 * anchor (record count and chain head at the last checkpoint). All methods are synchronized: the log's
 * writer thread, readers and a passphrase change may use it at once. {@link #toString()} prints
 * counts only.
 */
public final class KeyRing {
    /** A stream's data key and the opaque id that records carry instead of the stream's name. */
    public record StreamEntry(int keyId, String streamId, byte[] key) {
        @Override
        public String toString() {
            return "StreamEntry[keyId=" + keyId + "]";
        }
    }

    private final byte[] masterKey;
    private final int logKeyId;
    /** Record format of this vault's log (1 or 2), fixed at creation: see {@code RecordCodec}. */
    private final int logFormat;
    private final Map<String, StreamEntry> byStream = new HashMap<>();
    private final Map<Integer, StreamEntry> byKeyId = new HashMap<>();
    private final Set<Integer> shredded = new HashSet<>();
    private int nextKeyId;
    private long anchorCount;
    private byte[] anchorHead;

    /** The log format new vaults write. */
    public static final int CURRENT_LOG_FORMAT = 3;

    private KeyRing(byte[] masterKey, int logKeyId, int logFormat, int nextKeyId) {
        this.masterKey = masterKey;
        this.logKeyId = logKeyId;
        this.logFormat = logFormat;
        this.nextKeyId = nextKeyId;
    }

    static KeyRing createNew(SecureRandom random) {
        return createNew(random, CURRENT_LOG_FORMAT);
    }

    /** A new ring whose log uses {@code logFormat} (1 and 2 only to make old-format vaults for tests and benchmarks). */
    static KeyRing createNew(SecureRandom random, int logFormat) {
        if (logFormat < 1 || logFormat > CURRENT_LOG_FORMAT) {
            throw new IllegalArgumentException("unknown log format");
        }
        return new KeyRing(Crypto.randomBytes(random, Crypto.KEY_BYTES), random.nextInt() & 0x7fffffff, logFormat, 1);
    }

    static KeyRing fromBody(KeyRingBody body) throws KeyRingCorruptException {
        if (body.getMasterKey().size() != Crypto.KEY_BYTES) {
            throw new KeyRingCorruptException("master key length");
        }
        int logFormat = body.getLogFormat() == 0 ? 1 : body.getLogFormat();
        if (logFormat > CURRENT_LOG_FORMAT) {
            throw new KeyRingCorruptException("unknown log format");
        }
        KeyRing ring = new KeyRing(body.getMasterKey().toByteArray(), body.getLogKeyId(), logFormat,
                body.getNextStreamKeyId());
        for (StreamKey sk : body.getStreamsList()) {
            if (sk.getKey().size() != Crypto.KEY_BYTES || sk.getKeyId() == 0 || sk.getKeyId() >= body.getNextStreamKeyId()) {
                throw new KeyRingCorruptException("stream key entry");
            }
            StreamEntry e = new StreamEntry(sk.getKeyId(), sk.getStreamId(), sk.getKey().toByteArray());
            if (ring.byStream.put(e.streamId(), e) != null || ring.byKeyId.put(e.keyId(), e) != null) {
                throw new KeyRingCorruptException("duplicate stream key");
            }
        }
        ring.shredded.addAll(body.getShreddedKeyIdsList());
        if (body.hasAnchor()) {
            ring.anchorCount = body.getAnchor().getRecordCount();
            ring.anchorHead = body.getAnchor().getChainHead().toByteArray();
        }
        return ring;
    }

    synchronized KeyRingBody toBody() {
        KeyRingBody.Builder b = KeyRingBody.newBuilder()
                .setMasterKey(ByteString.copyFrom(masterKey))
                .setLogKeyId(logKeyId)
                .setNextStreamKeyId(nextKeyId)
                .setLogFormat(logFormat == 1 ? 0 : logFormat)
                .addAllShreddedKeyIds(shredded);
        byKeyId.values().stream().sorted((x, y) -> Integer.compare(x.keyId(), y.keyId())).forEach(e ->
                b.addStreams(StreamKey.newBuilder().setKeyId(e.keyId()).setStreamId(e.streamId())
                        .setKey(ByteString.copyFrom(e.key()))));
        if (anchorHead != null) {
            b.setAnchor(Anchor.newBuilder().setRecordCount(anchorCount).setChainHead(ByteString.copyFrom(anchorHead)));
        }
        return b.build();
    }

    /** A key derived from the master key for one purpose (HKDF info string). */
    public byte[] deriveKey(String purpose) {
        synchronized (this) {
            return Crypto.hkdf(masterKey, purpose, Crypto.KEY_BYTES);
        }
    }

    public int logKeyId() {
        return logKeyId;
    }

    public int logFormat() {
        return logFormat;
    }

    public synchronized Optional<StreamEntry> stream(String streamId) {
        return Optional.ofNullable(byStream.get(streamId));
    }

    public synchronized Optional<StreamEntry> streamByKeyId(int keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** The live streams' ids by key id (no keys). */
    public synchronized Map<Integer, String> streamIds() {
        Map<Integer, String> ids = new HashMap<>();
        byKeyId.forEach((keyId, e) -> ids.put(keyId, e.streamId()));
        return Map.copyOf(ids);
    }

    /** True when the key id was issued by this ring (live or shredded): a record naming any other id is forged. */
    public synchronized boolean wasIssued(int keyId) {
        return keyId > 0 && keyId < nextKeyId;
    }

    public synchronized boolean isShredded(int keyId) {
        return shredded.contains(keyId);
    }

    /** Creates a stream's data key; the caller persists the ring before any record uses it. */
    public synchronized StreamEntry addStream(String streamId, SecureRandom random) {
        StreamEntry e = new StreamEntry(nextKeyId++, streamId, Crypto.randomBytes(random, Crypto.KEY_BYTES));
        byStream.put(streamId, e);
        byKeyId.put(e.keyId(), e);
        return e;
    }

    /** Forgets a stream's key (crypto-shredding); returns false when it was not live. */
    public synchronized boolean shred(int keyId) {
        StreamEntry e = byKeyId.remove(keyId);
        if (e == null) {
            return false;
        }
        byStream.remove(e.streamId());
        shredded.add(keyId);
        Crypto.wipe(e.key());
        return true;
    }

    public synchronized int liveStreams() {
        return byKeyId.size();
    }

    public synchronized int shreddedStreams() {
        return shredded.size();
    }

    /** The last checkpoint of the log: record count and chain head, read together. */
    public record Checkpoint(long count, byte[] head) {
        @Override
        public String toString() {
            return "Checkpoint[count=" + count + "]";
        }
    }

    public synchronized Checkpoint anchor() {
        return new Checkpoint(anchorCount, anchorHead == null ? null : anchorHead.clone());
    }

    public synchronized void setAnchor(long count, byte[] head) {
        this.anchorCount = count;
        this.anchorHead = head.clone();
    }

    synchronized void wipe() {
        Crypto.wipe(masterKey);
        byKeyId.values().forEach(e -> Crypto.wipe(e.key()));
        byKeyId.clear();
        byStream.clear();
    }

    @Override
    public synchronized String toString() {
        return "KeyRing[streams=" + byKeyId.size() + ", shredded=" + shredded.size() + ", anchor=" + anchorCount + "]";
    }
}
