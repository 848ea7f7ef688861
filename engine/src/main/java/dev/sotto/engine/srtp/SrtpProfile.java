package dev.sotto.engine.srtp;

/**
 * The SRTP protection profiles Sotto speaks, with every parameter named (DESIGN.md: never a provider
 * default). Lengths are in octets.
 */
public enum SrtpProfile {
    /** RFC 3711 §5 default transform; RFC 4568 §6.2.1 name. */
    AES_CM_128_HMAC_SHA1_80(Cipher.AES_CM, 16, 14, 20, 10, 10),
    /** RFC 4568 §6.2.2: 32-bit SRTP tag, SRTCP keeps the 80-bit tag. */
    AES_CM_128_HMAC_SHA1_32(Cipher.AES_CM, 16, 14, 20, 4, 10),
    /** RFC 6188 §4. */
    AES_256_CM_HMAC_SHA1_80(Cipher.AES_CM, 32, 14, 20, 10, 10),
    /** RFC 6188 §4: 32-bit SRTP tag, 80-bit SRTCP tag. */
    AES_256_CM_HMAC_SHA1_32(Cipher.AES_CM, 32, 14, 20, 4, 10),
    /** RFC 7714 §12, Table 2. */
    AEAD_AES_128_GCM(Cipher.AES_GCM, 16, 12, 0, 16, 16),
    /** RFC 7714 §12, Table 3. */
    AEAD_AES_256_GCM(Cipher.AES_GCM, 32, 12, 0, 16, 16);

    /** The two cipher families. */
    public enum Cipher {
        /** AES in counter mode with HMAC-SHA1 (RFC 3711 §4.1.1, §4.2.1). */
        AES_CM,
        /** AES-GCM as an AEAD (RFC 7714). */
        AES_GCM
    }

    private final Cipher cipher;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int authKeyLength;
    private final int srtpTagLength;
    private final int srtcpTagLength;

    SrtpProfile(Cipher cipher, int masterKeyLength, int masterSaltLength, int authKeyLength, int srtpTagLength,
            int srtcpTagLength) {
        this.cipher = cipher;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.authKeyLength = authKeyLength;
        this.srtpTagLength = srtpTagLength;
        this.srtcpTagLength = srtcpTagLength;
    }

    public Cipher cipher() {
        return cipher;
    }

    /** Master key and session encryption key length (the two are equal in every profile here). */
    public int masterKeyLength() {
        return masterKeyLength;
    }

    /** Master salt and session salt length: 112 bits for AES-CM (RFC 3711 §4.1.1), 96 for GCM (RFC 7714 §12). */
    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** HMAC-SHA1 session authentication key length n_a (RFC 3711 §4.2.1); 0 for AEAD profiles. */
    public int authKeyLength() {
        return authKeyLength;
    }

    /** SRTP authentication tag length (the AEAD tag for GCM). */
    public int srtpTagLength() {
        return srtpTagLength;
    }

    /** SRTCP authentication tag length (the AEAD tag for GCM). */
    public int srtcpTagLength() {
        return srtcpTagLength;
    }

    public boolean isAead() {
        return cipher == Cipher.AES_GCM;
    }
}
