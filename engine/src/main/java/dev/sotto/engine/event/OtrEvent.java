package dev.sotto.engine.event;

import java.time.Instant;

/**
 * Durable OTR domain events (DESIGN.md, Events): long-term keys, fingerprints seen, trust decisions, the
 * instance tag, per-contact policy and history policy. Session keys never become events (forward secrecy).
 */
public sealed interface OtrEvent extends DurableEvent
        permits OtrKeyGenerated, OtrFingerprintSeen, OtrTrustChanged, OtrInstanceTagAssigned, OtrPolicyChanged,
        OtrHistoryPolicyChanged {

    /** The account (bare JID) the event belongs to. */
    String account();

    Instant at();
}
