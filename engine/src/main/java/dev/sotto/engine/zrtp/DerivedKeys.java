package dev.sotto.engine.zrtp;

/**
 * The keys of RFC 6189 §4.5 for one stream, with what the s1 comparison found (§4.3). Package-private; its
 * toString prints nothing secret.
 */
record DerivedKeys(ZrtpRole role, Negotiated negotiated, byte[] peerZid, byte[] kdfContext, byte[] mackeyI,
        byte[] mackeyR, byte[] zrtpkeyI, byte[] zrtpkeyR, byte[] srtpkeyI, byte[] srtpsaltI, byte[] srtpkeyR,
        byte[] srtpsaltR, String sas, byte[] zrtpSess, byte[] exportedKey, byte[] newRs1, boolean cacheMatch,
        boolean cacheMismatch, boolean sentSasVerified) {

    void wipeConfirmKeys() {
        ZrtpCrypto.wipe(mackeyI, mackeyR, zrtpkeyI, zrtpkeyR);
    }

    @Override
    public String toString() {
        return "DerivedKeys[role=" + role + ", " + negotiated + ", cacheMatch=" + cacheMatch + "]";
    }
}
