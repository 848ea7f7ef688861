package dev.sotto.engine.event;

import java.time.Instant;

/**
 * A ZRTP exchange ended in error (transient): the RFC 6189 §5.9 code, whether the peer sent it (else we did),
 * and a short condition (never packet bytes).
 */
public record ZrtpError(int code, boolean fromPeer, String condition, Instant at) implements ZrtpEvent {}
