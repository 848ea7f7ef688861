package dev.sotto.engine.zrtp;

/**
 * The keys of RFC 6189 §4.5 for one stream, with what the s1 comparison found (§4.3). Package-private; its
 * toString prints nothing secret.
 */
record DerivedKeys(ZrtpRole role, Negotiated negotiated, byte[] peerZid, byte[] kdfContext, byte[] mackeyI,
        byte[] mackeyR, byte[] zrtpkeyI, byte[] zrtpkeyR, byte[] srtpkeyI, byte[] srtpsaltI, byte[] srtpkeyR,
        byte[] srtpsaltR, String sas, int sasValue, byte[] zrtpSess, byte[] exportedKey, byte[] newRs1,
        boolean cacheMatch, boolean cacheMismatch, boolean sentSasVerified) {

    void wipeConfirmKeys() {
        ZrtpCrypto.wipe(mackeyI, mackeyR, zrtpkeyI, zrtpkeyR);
    }

    /**
     * Every key of the stream (§4.5): the confirm keys, the SRTP master keys and salts, ZRTPSess, ExportedKey and
     * the new rs1. For the end of the stream ({@link ZrtpEndpoint#close}); a {@link ZrtpSession} keeps its own copy
     * of ZRTPSess.
     */
    void wipeAll() {
        wipeConfirmKeys();
        ZrtpCrypto.wipe(srtpkeyI, srtpsaltI, srtpkeyR, srtpsaltR, zrtpSess, exportedKey, newRs1);
    }

    /**
     * Once secure, only the peer's mackey and zrtpkey are still needed: to authenticate a GoClear (§4.7.2) and to
     * check and decrypt a SASrelay (§5.13) from it. Ours are wiped (we send neither).
     */
    void wipeOwnConfirmKeys() {
        if (role == ZrtpRole.INITIATOR) {
            ZrtpCrypto.wipe(mackeyI, zrtpkeyI);
        } else {
            ZrtpCrypto.wipe(mackeyR, zrtpkeyR);
        }
    }

    /** The peer's mackey: mackeyi when the peer is the initiator (§4.5.3). */
    byte[] peerMacKey() {
        return role == ZrtpRole.INITIATOR ? mackeyR : mackeyI;
    }

    /** The peer's zrtpkey (§4.5.3). */
    byte[] peerZrtpKey() {
        return role == ZrtpRole.INITIATOR ? zrtpkeyR : zrtpkeyI;
    }

    /** The same keys with the SAS rendered anew (§7.3: a relayed rendering scheme). */
    DerivedKeys withSas(String rendered) {
        return new DerivedKeys(role, negotiated, peerZid, kdfContext, mackeyI, mackeyR, zrtpkeyI, zrtpkeyR, srtpkeyI,
                srtpsaltI, srtpkeyR, srtpsaltR, rendered, sasValue, zrtpSess, exportedKey, newRs1, cacheMatch,
                cacheMismatch, sentSasVerified);
    }

    @Override
    public String toString() {
        return "DerivedKeys[role=" + role + ", " + negotiated + ", cacheMatch=" + cacheMatch + "]";
    }
}
