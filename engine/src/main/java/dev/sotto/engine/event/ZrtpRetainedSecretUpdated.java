package dev.sotto.engine.event;

import dev.sotto.engine.crypto.Secret;
import java.time.Instant;
import java.util.Optional;

/**
 * The retained secrets for a peer ZID changed after a DH exchange (RFC 6189 §4.6.1): rs1 is the new secret, rs2
 * the previous rs1. Secret fields print nothing.
 *
 * @param peerZid the peer's ZID, lower-case hex
 * @param rs1 the new retained secret, 256 bits
 * @param rs2 the previous rs1, if there was one
 * @param sasVerified the V flag kept for this peer
 */
public record ZrtpRetainedSecretUpdated(String peerZid, Secret rs1, Optional<Secret> rs2, boolean sasVerified,
        Instant at) implements ZrtpEvent, DurableEvent {

    /** Secrets compare by value in constant time ({@link Secret#sameValue}), as the other secret-carrying events. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ZrtpRetainedSecretUpdated u && peerZid.equals(u.peerZid) && rs1.sameValue(u.rs1)
                && rs2.isPresent() == u.rs2.isPresent() && (rs2.isEmpty() || rs2.get().sameValue(u.rs2.get()))
                && sasVerified == u.sasVerified && at.equals(u.at);
    }

    @Override
    public int hashCode() {
        return peerZid.hashCode() * 31 + at.hashCode();
    }

    @Override
    public String toString() {
        return "ZrtpRetainedSecretUpdated[peerZid=" + peerZid + ", rs2=" + rs2.isPresent() + ", sasVerified="
                + sasVerified + ", at=" + at + "]";
    }
}
