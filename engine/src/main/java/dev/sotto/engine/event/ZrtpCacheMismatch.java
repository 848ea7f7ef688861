package dev.sotto.engine.event;

import java.time.Instant;

/**
 * LOUD: we hold a retained secret for this peer but it no longer matches (RFC 6189 §4.3.2). Either the peer lost
 * its cache, or a man in the middle is present: the user must compare the SAS. The cache is not updated until
 * the SAS is confirmed (§4.6.1.1).
 */
public record ZrtpCacheMismatch(String peerZid, String sas, Instant at) implements ZrtpEvent, DurableEvent {}
