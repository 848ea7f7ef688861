package dev.sotto.engine.event;

import java.time.Instant;

/**
 * The SAS of a secure stream is now rendered differently (transient): a PBX relayed its rendering scheme with a
 * zero sashash, which an unenrolled endpoint adopts for its own SAS so both callers read the same kind of string
 * (RFC 6189 §7.3). The SAS value itself is unchanged.
 */
public record ZrtpSasChanged(String peerZid, String sas, String sasType, Instant at) implements ZrtpEvent {}
