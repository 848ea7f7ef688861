package dev.sotto.engine.zrtp;

import dev.sotto.codecs.zrtp.AuthTagType;
import dev.sotto.codecs.zrtp.CipherAlgorithm;
import dev.sotto.codecs.zrtp.HashAlgorithm;
import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.codecs.zrtp.SasType;
import dev.sotto.engine.srtp.SrtpProfile;

/** The algorithms of one exchange, as the Commit names them (RFC 6189 §4.1.2, §5.4). */
record Negotiated(HashAlgorithm hash, CipherAlgorithm cipher, AuthTagType authTag, KeyAgreementType keyAgreement,
        SasType sasType) {

    /** AES key length in octets: AES1 128 bits, AES3 256 bits (§5.1.3). */
    int aesKeyLength() {
        return "AES3".equals(cipher.name()) ? 32 : 16;
    }

    int hashLength() {
        return ZrtpKdf.of(hash).hashLengthBits() / 8;
    }

    ZrtpKdf kdf() {
        return ZrtpKdf.of(hash);
    }

    boolean multistream() {
        return KeyAgreementType.MULT.equals(keyAgreement);
    }

    /** §4.5.3: AES-CM with a 112-bit salt and HMAC-SHA1 with a 32- or 80-bit tag. */
    SrtpProfile srtpProfile() {
        boolean tag32 = "HS32".equals(authTag.name());
        if (aesKeyLength() == 32) {
            return tag32 ? SrtpProfile.AES_256_CM_HMAC_SHA1_32 : SrtpProfile.AES_256_CM_HMAC_SHA1_80;
        }
        return tag32 ? SrtpProfile.AES_CM_128_HMAC_SHA1_32 : SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    }
}
