package dev.sotto.engine.event;

import java.time.Instant;

/**
 * Something a ZRTP stream refused or distrusted that the user should be told about (transient; RFC 6189 §4.7.2:
 * a GoClear with a bad MAC "MAY be processed as a security exception, perhaps by logging or alerting the user").
 * {@code condition} is a short name, never packet bytes: {@code goclear-bad-mac}, {@code sasrelay-bad-mac},
 * {@code sasrelay-malformed}, {@code sasrelay-from-non-mitm}.
 */
public record ZrtpSecurityNotice(String peerZid, String condition, Instant at) implements ZrtpEvent {}
