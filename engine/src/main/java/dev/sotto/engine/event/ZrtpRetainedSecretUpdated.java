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

    @Override
    public String toString() {
        return "ZrtpRetainedSecretUpdated[peerZid=" + peerZid + ", rs2=" + rs2.isPresent() + ", sasVerified="
                + sasVerified + ", at=" + at + "]";
    }
}
