package dev.sotto.engine.event;

import java.time.Instant;

/** The user confirmed (or revoked) the SAS with a peer ZID (RFC 6189 §7.1: the V flag). */
public record ZrtpSasVerified(String peerZid, boolean verified, Instant at) implements ZrtpEvent, DurableEvent {}
