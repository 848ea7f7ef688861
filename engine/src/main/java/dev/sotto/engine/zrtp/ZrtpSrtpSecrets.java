package dev.sotto.engine.zrtp;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.srtp.SrtpConfig;
import dev.sotto.engine.srtp.SrtpCryptoContext;
import dev.sotto.engine.srtp.SrtpProfile;

/**
 * The SRTP master keys and salts of one stream from our point of view (RFC 6189 §4.5.3): the initiator encrypts
 * with srtpkeyi/srtpsalti and the responder with srtpkeyr/srtpsaltr, so {@code local*} is what we protect with
 * and {@code remote*} what we unprotect with. Handed out only after the Confirm exchange verified (never from
 * unverified material). Prints nothing secret.
 */
public final class ZrtpSrtpSecrets {

    private final ZrtpRole role;
    private final SrtpProfile profile;
    private final Secret localKey;
    private final Secret localSalt;
    private final Secret remoteKey;
    private final Secret remoteSalt;

    ZrtpSrtpSecrets(ZrtpRole role, SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey,
            byte[] remoteSalt) {
        this.role = role;
        this.profile = profile;
        this.localKey = Secret.of(localKey);
        this.localSalt = Secret.of(localSalt);
        this.remoteKey = Secret.of(remoteKey);
        this.remoteSalt = Secret.of(remoteSalt);
    }

    public ZrtpRole role() {
        return role;
    }

    /** AES1/AES3 with HS32/HS80 (§5.1.3, §5.1.4) as an SRTP profile. */
    public SrtpProfile profile() {
        return profile;
    }

    public Secret localKey() {
        return localKey;
    }

    public Secret localSalt() {
        return localSalt;
    }

    public Secret remoteKey() {
        return remoteKey;
    }

    public Secret remoteSalt() {
        return remoteSalt;
    }

    /** The context that protects what we send. */
    public SrtpCryptoContext outboundContext(SrtpConfig config) {
        return SrtpCryptoContext.create(profile, localKey.bytes(), localSalt.bytes(), config);
    }

    /** The context that unprotects what the peer sends. */
    public SrtpCryptoContext inboundContext(SrtpConfig config) {
        return SrtpCryptoContext.create(profile, remoteKey.bytes(), remoteSalt.bytes(), config);
    }

    public void wipe() {
        localKey.wipe();
        localSalt.wipe();
        remoteKey.wipe();
        remoteSalt.wipe();
    }

    @Override
    public String toString() {
        return "ZrtpSrtpSecrets[role=" + role + ", profile=" + profile + "]";
    }
}
