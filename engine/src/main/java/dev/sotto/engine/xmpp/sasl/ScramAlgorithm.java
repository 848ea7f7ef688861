package dev.sotto.engine.xmpp.sasl;

/**
 * The SCRAM hash functions we implement, each with every parameter named (DESIGN.md, Crypto providers).
 * RFC 5802 §4 (SHA-1) and RFC 7677 §3 (SHA-256); the -PLUS variants are the same functions with channel binding.
 */
public enum ScramAlgorithm {
    /** RFC 5802: H = SHA-1, HMAC = HMAC-SHA-1, 20-byte keys. */
    SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1", 20),
    /** RFC 7677: H = SHA-256, HMAC = HMAC-SHA-256, 32-byte keys. */
    SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", 32);

    private final String mechanism;
    private final String digest;
    private final String hmac;
    private final int keyBytes;

    ScramAlgorithm(String mechanism, String digest, String hmac, int keyBytes) {
        this.mechanism = mechanism;
        this.digest = digest;
        this.hmac = hmac;
        this.keyBytes = keyBytes;
    }

    /** The SASL mechanism name without channel binding. */
    public String mechanism() {
        return mechanism;
    }

    /** The -PLUS mechanism name (RFC 5802 §4). */
    public String plusMechanism() {
        return mechanism + "-PLUS";
    }

    /** JCE MessageDigest name of H. */
    public String digest() {
        return digest;
    }

    /** JCE Mac name of HMAC. */
    public String hmac() {
        return hmac;
    }

    /** Output size of H in bytes. */
    public int keyBytes() {
        return keyBytes;
    }
}
