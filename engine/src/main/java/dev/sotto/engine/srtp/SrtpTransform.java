package dev.sotto.engine.srtp;

/**
 * The cryptographic half of an SRTP context: given a parsed packet and its index, protect or verify and
 * decrypt in place. Stream state (ROC, replay windows, SRTCP index) stays in {@link SrtpCryptoContext}.
 * Every method works on {@code buf[off, off + len)} and needs room for the trailer after it.
 */
sealed interface SrtpTransform permits AesCmHmacSha1Transform, AesGcmTransform {

    /** Encrypts the payload after {@code headerLength} and appends the tag; returns the new length. */
    int protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index);

    /**
     * Verifies the tag at the end of {@code buf[off, off + len)} and decrypts the payload; returns the
     * length without the tag, or -1 when the tag does not verify (nothing is then trusted).
     */
    int unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index);

    /** Encrypts (when {@code encrypt}) octets 8.. of the compound packet, appends E||index and the tag. */
    int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypt);

    /**
     * Verifies and, when the E flag is set, decrypts an SRTCP packet whose E||index word sits at
     * {@code wordOffset} (relative to {@code off}); returns the RTCP length or -1.
     */
    int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eIndexWord, int wordOffset);

    /**
     * Zeroes the key material this transform holds in its own arrays (salts, HMAC pads). The expanded AES key
     * schedules inside JCE Cipher objects cannot be wiped through the JCE API; they go with the objects.
     */
    void destroy();

    /** Octets appended to an SRTP packet. */
    int srtpTrailer();

    /** Octets appended to an SRTCP packet, the E||index word included. */
    int srtcpTrailer();
}
