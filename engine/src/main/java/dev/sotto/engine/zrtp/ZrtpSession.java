package dev.sotto.engine.zrtp;

import dev.sotto.codecs.zrtp.AuthTagType;
import dev.sotto.codecs.zrtp.CipherAlgorithm;
import dev.sotto.codecs.zrtp.HashAlgorithm;
import dev.sotto.engine.crypto.Secret;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * What the first (DH) stream of a call leaves for further streams of the same call: the ZRTP Session Key
 * ZRTPSess (RFC 6189 §4.5.2), the algorithms to reuse in Multistream Commits (§4.4.3.1) and the multistream
 * nonces already seen, which must never repeat (§4.4.3.1, Error 0x80). Destroy it when the call ends.
 */
public final class ZrtpSession {

    private final Secret zrtpSess;
    private final byte[] peerZid;
    private final HashAlgorithm hash;
    private final CipherAlgorithm cipher;
    private final AuthTagType authTag;
    private final String sas;
    private final Set<String> nonces = new HashSet<>();

    ZrtpSession(byte[] zrtpSess, byte[] peerZid, HashAlgorithm hash, CipherAlgorithm cipher, AuthTagType authTag,
            String sas) {
        this.zrtpSess = Secret.of(zrtpSess);
        this.peerZid = peerZid.clone();
        this.hash = hash;
        this.cipher = cipher;
        this.authTag = authTag;
        this.sas = sas;
    }

    Secret zrtpSess() {
        return zrtpSess;
    }

    byte[] peerZid() {
        return peerZid.clone();
    }

    public HashAlgorithm hash() {
        return hash;
    }

    public CipherAlgorithm cipher() {
        return cipher;
    }

    public AuthTagType authTag() {
        return authTag;
    }

    /** The call's one SAS (§4.5.2). */
    public String sas() {
        return sas;
    }

    /** Records a multistream nonce; false when it was used before in this call. */
    synchronized boolean useNonce(byte[] nonce) {
        return nonces.add(HexFormat.of().formatHex(nonce));
    }

    /** §4.5.2: ZRTPSess must be destroyed no later than the end of the call. */
    public void destroy() {
        zrtpSess.wipe();
    }

    @Override
    public String toString() {
        return "ZrtpSession[hash=" + hash.name() + ", cipher=" + cipher.name() + "]";
    }
}
