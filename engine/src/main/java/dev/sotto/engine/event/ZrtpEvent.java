package dev.sotto.engine.event;

import java.time.Instant;

/**
 * ZRTP domain events (DESIGN.md, Events). Durable: {@link ZrtpZidAssigned}, {@link ZrtpRetainedSecretUpdated},
 * {@link ZrtpSasVerified}, {@link ZrtpCacheMismatch} (a possible man in the middle is worth remembering).
 * Transient: {@link ZrtpSecureOn}, {@link ZrtpError}. SRTP keys, s0 and DH secrets are never events.
 */
public sealed interface ZrtpEvent
        permits ZrtpZidAssigned, ZrtpRetainedSecretUpdated, ZrtpSasVerified, ZrtpCacheMismatch, ZrtpSecureOn, ZrtpError {

    Instant at();
}
