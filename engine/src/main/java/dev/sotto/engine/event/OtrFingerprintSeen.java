package dev.sotto.engine.event;

import java.time.Instant;

/** {@code contact} used an OTR key with {@code fingerprint} (display form) for the first time. */
public record OtrFingerprintSeen(String account, String contact, String fingerprint, Instant at) implements OtrEvent {}
