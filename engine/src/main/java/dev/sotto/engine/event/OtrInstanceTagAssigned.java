package dev.sotto.engine.event;

import java.time.Instant;

/** The account's persistent OTR instance tag (OTR v3 "Instance Tags": "intended to be persistent"). */
public record OtrInstanceTagAssigned(String account, int instanceTag, Instant at) implements OtrEvent {}
