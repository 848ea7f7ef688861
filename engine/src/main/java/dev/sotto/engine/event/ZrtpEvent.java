package dev.sotto.engine.event;

import java.time.Instant;

/**
 * ZRTP domain events (DESIGN.md, Events). Durable: {@link ZrtpZidAssigned}, {@link ZrtpRetainedSecretUpdated},
 * {@link ZrtpSasVerified}, {@link ZrtpCacheMismatch} (a possible man in the middle is worth remembering).
 * Transient: {@link ZrtpSecureOn}, {@link ZrtpError}, {@link ZrtpSecurityNotice}, {@link ZrtpSasChanged}. SRTP keys, s0 and DH secrets are never events.
 *
 * <p>The durable ones also implement {@link DurableEvent}: they travel in the log's envelope ({@code
 * sotto_events.proto}, area {@code zrtp}) on the installation's {@link EventStreams#zrtp() ZRTP stream}, and the
 * engine folds them into its ZID cache on replay.
 */
public sealed interface ZrtpEvent
        permits ZrtpZidAssigned, ZrtpRetainedSecretUpdated, ZrtpSasVerified, ZrtpCacheMismatch, ZrtpSecureOn, ZrtpError,
        ZrtpSecurityNotice, ZrtpSasChanged {

    Instant at();
}
