package dev.sotto.engine.zrtp;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.ZrtpEvent;
import dev.sotto.engine.event.ZrtpRetainedSecretUpdated;
import dev.sotto.engine.event.ZrtpSasVerified;
import dev.sotto.engine.event.ZrtpZidAssigned;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ZidCache} in memory. {@link #fold} rebuilds it from the durable ZRTP events of the log, which is how
 * the ZID and the retained secrets survive restarts without any other file (DESIGN.md, "Durable or transient").
 */
public final class InMemoryZidCache implements ZidCache {

    private final byte[] zid;
    private final Map<String, ZidCacheEntry> entries = new ConcurrentHashMap<>();

    public InMemoryZidCache(byte[] zid) {
        if (zid.length != 12) {
            throw new IllegalArgumentException("a ZID is 96 bits (RFC 6189 §4.9)");
        }
        this.zid = zid.clone();
    }

    /** A cache with a fresh random ZID (§4.9: "a ZID is a 96-bit random number"). */
    public static InMemoryZidCache withRandomZid(SecureRandom random) {
        byte[] zid = new byte[12];
        random.nextBytes(zid);
        return new InMemoryZidCache(zid);
    }

    /** Replays durable events in log order; the last {@link ZrtpZidAssigned} wins. */
    public static InMemoryZidCache fold(Iterable<ZrtpEvent> events, SecureRandom random) {
        byte[] zid = null;
        for (ZrtpEvent e : events) {
            if (e instanceof ZrtpZidAssigned a) {
                zid = a.zid();
            }
        }
        InMemoryZidCache cache = zid != null ? new InMemoryZidCache(zid) : withRandomZid(random);
        for (ZrtpEvent e : events) {
            if (e instanceof ZrtpRetainedSecretUpdated u) {
                cache.store(HexFormat.of().parseHex(u.peerZid()), new ZidCacheEntry(u.rs1(), u.rs2(), u.sasVerified()));
            } else if (e instanceof ZrtpSasVerified v) {
                byte[] peer = HexFormat.of().parseHex(v.peerZid());
                cache.lookup(peer).ifPresent(old -> cache.store(peer, old.withSasVerified(v.verified())));
            } else if (e instanceof dev.sotto.engine.event.ZrtpCacheMismatch m) {
                // §4.6.1.1: secrets unchanged, V cleared until the SAS is compared again (as EventLogZidCache)
                byte[] peer = HexFormat.of().parseHex(m.peerZid());
                cache.lookup(peer).ifPresent(old -> cache.store(peer, old.withSasVerified(false)));
            }
        }
        return cache;
    }

    /** The durable event to append when this installation's ZID is first created (§4.9). */
    public ZrtpZidAssigned zidAssigned(java.time.Instant at) {
        return new ZrtpZidAssigned(zid, at);
    }

    @Override
    public byte[] localZid() {
        return zid.clone();
    }

    @Override
    public Optional<ZidCacheEntry> lookup(byte[] peerZid) {
        return Optional.ofNullable(entries.get(HexFormat.of().formatHex(peerZid)));
    }

    @Override
    public void store(byte[] peerZid, ZidCacheEntry entry) {
        entries.put(HexFormat.of().formatHex(peerZid), entry);
    }

    /** Forgets {@code peerZid} (the user reported a SAS mismatch, §7.1). */
    public void forget(byte[] peerZid) {
        Optional.ofNullable(entries.remove(HexFormat.of().formatHex(peerZid))).ifPresent(e -> {
            e.rs1().wipe();
            e.rs2().ifPresent(Secret::wipe);
        });
    }

    @Override
    public String toString() {
        return "InMemoryZidCache[peers=" + entries.size() + "]";
    }
}
