package dev.sotto.engine.zrtp;

import java.util.Optional;

/**
 * The ZRTP cache of one installation (RFC 6189 §4.9): our own persistent ZID and, per peer ZID, the retained
 * secrets and the SAS-verified flag. Implementations persist through the encrypted event log (the
 * {@code ZrtpEvent}s the endpoint emits) or keep everything in memory.
 */
public interface ZidCache {

    /** This installation's ZID, 12 octets, the same for every session and stream (§4.9, §4.4.3). */
    byte[] localZid();

    /** The entry for {@code peerZid}, if we ever completed a DH exchange with it. */
    Optional<ZidCacheEntry> lookup(byte[] peerZid);

    /** Replaces the entry for {@code peerZid}. */
    void store(byte[] peerZid, ZidCacheEntry entry);
}
