package dev.sotto.engine.event;

import dev.sotto.engine.crypto.Secret;
import java.time.Instant;
import java.util.Arrays;

/**
 * A long-term OTR key was generated for {@code account}. {@code publicKey} is the OTR PUBKEY encoding;
 * {@code privateX} the DSA private exponent (a {@link Secret}: never printed).
 */
public record OtrKeyGenerated(String account, byte[] publicKey, Secret privateX, String fingerprint, Instant at)
        implements OtrEvent {

    public OtrKeyGenerated {
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtrKeyGenerated k && account.equals(k.account) && Arrays.equals(publicKey, k.publicKey)
                && privateX.sameValue(k.privateX) && fingerprint.equals(k.fingerprint) && at.equals(k.at);
    }

    @Override
    public int hashCode() {
        return account.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "OtrKeyGenerated[account=" + account + ", fingerprint=" + fingerprint + ", at=" + at + "]";
    }
}
