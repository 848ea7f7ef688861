package dev.sotto.engine.zrtp;

/** Who sent the Commit that won (RFC 6189 §4.2): the initiator; the other endpoint is the responder. */
public enum ZrtpRole {
    INITIATOR,
    RESPONDER
}
