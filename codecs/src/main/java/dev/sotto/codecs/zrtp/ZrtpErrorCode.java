package dev.sotto.codecs.zrtp;

import java.util.Optional;

/** The Error codes of RFC 6189 §5.9, Table 8. */
public enum ZrtpErrorCode {
    MALFORMED_PACKET(0x10),
    CRITICAL_SOFTWARE_ERROR(0x20),
    UNSUPPORTED_VERSION(0x30),
    HELLO_COMPONENTS_MISMATCH(0x40),
    HASH_TYPE_NOT_SUPPORTED(0x51),
    CIPHER_TYPE_NOT_SUPPORTED(0x52),
    PUBLIC_KEY_EXCHANGE_NOT_SUPPORTED(0x53),
    AUTH_TAG_NOT_SUPPORTED(0x54),
    SAS_SCHEME_NOT_SUPPORTED(0x55),
    NO_SHARED_SECRET(0x56),
    DH_BAD_PUBLIC_VALUE(0x61),
    DH_HVI_MISMATCH(0x62),
    UNTRUSTED_MITM_SAS_RELAY(0x63),
    BAD_CONFIRM_MAC(0x70),
    NONCE_REUSE(0x80),
    EQUAL_ZIDS(0x90),
    SSRC_COLLISION(0x91),
    SERVICE_UNAVAILABLE(0xA0),
    PROTOCOL_TIMEOUT(0xB0),
    GO_CLEAR_NOT_ALLOWED(0x100);

    private final int code;

    ZrtpErrorCode(int code) {
        this.code = code;
    }

    /** The integer sent in the Error message. */
    public int code() {
        return code;
    }

    /** The defined code with this value, if any. */
    public static Optional<ZrtpErrorCode> of(long code) {
        for (ZrtpErrorCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
