package dev.sotto.engine.zrtp;

import dev.sotto.engine.crypto.Secret;
import java.util.Optional;

/**
 * What we retain about one peer ZID (RFC 6189 §4.9): the retained secrets rs1 and rs2 (§4.6.1) and whether the
 * user confirmed the SAS (the V flag, §7.1).
 *
 * @param rs1 the newest retained secret
 * @param rs2 the previous one, kept for the Two Generals' case (§4.6.1)
 * @param sasVerified the user confirmed the SAS with this peer
 */
public record ZidCacheEntry(Secret rs1, Optional<Secret> rs2, boolean sasVerified) {

    public ZidCacheEntry {
        if (rs1 == null || rs2 == null) {
            throw new IllegalArgumentException("rs1 is required; rs2 may be empty");
        }
    }

    /** The same secrets with another V flag. */
    public ZidCacheEntry withSasVerified(boolean verified) {
        return new ZidCacheEntry(rs1, rs2, verified);
    }

    @Override
    public String toString() {
        return "ZidCacheEntry[rs2=" + rs2.isPresent() + ", sasVerified=" + sasVerified + "]";
    }
}
