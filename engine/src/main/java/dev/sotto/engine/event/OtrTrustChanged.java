package dev.sotto.engine.event;

import java.time.Instant;

/** The trust in {@code contact}'s {@code fingerprint} changed (by SMP, by the user, or to distrusted). */
public record OtrTrustChanged(String account, String contact, String fingerprint, OtrTrust trust, Instant at)
        implements OtrEvent {}
