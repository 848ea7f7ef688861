package dev.sotto.engine.event;

import java.time.Instant;

/**
 * A ZRTP stream went secure (transient). {@code sas} is empty for a multistream stream (no SAS of its own,
 * RFC 6189 §4.4.3.1). {@code verified}: both ends carried a confirmed SAS over from a previous session and the
 * retained secret matched (§7.1); otherwise the user should compare the SAS.
 */
public record ZrtpSecureOn(String peerZid, String sas, String sasType, String hash, String cipher, String authTag,
        String keyAgreement, String role, boolean cacheMatch, boolean verified, boolean multistream, Instant at)
        implements ZrtpEvent {}
