package dev.sotto.engine.zrtp;

import dev.sotto.codecs.zrtp.AuthTagType;
import dev.sotto.codecs.zrtp.CipherAlgorithm;
import dev.sotto.codecs.zrtp.HashAlgorithm;
import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.codecs.zrtp.SasType;
import java.util.List;

/**
 * What one ZRTP endpoint offers (RFC 6189 §5.2), in preference order, and how it behaves.
 *
 * @param clientId the 16-character Client Identifier of the Hello
 * @param hashes S256 and/or S384
 * @param ciphers AES1 and/or AES3
 * @param authTags HS32 and/or HS80
 * @param keyAgreements DH3k, DH2k, EC25, EC38, X255, E255 and Mult
 * @param sasTypes B32 and/or B256
 * @param passive the P flag: never send a Commit, always be the responder (§5.2)
 * @param timers the §6 retransmission schedule
 * @param cacheExpirationSeconds the cache expiration interval sent in Confirm (§4.9); 0xFFFFFFFF never expires
 */
public record ZrtpConfig(String clientId, List<HashAlgorithm> hashes, List<CipherAlgorithm> ciphers,
        List<AuthTagType> authTags, List<KeyAgreementType> keyAgreements, List<SasType> sasTypes, boolean passive,
        ZrtpTimers timers, long cacheExpirationSeconds) {

    public static final String CLIENT_ID = "Sotto ZRTP 0.1  ";

    public ZrtpConfig {
        if (clientId.length() != 16) {
            throw new IllegalArgumentException("the Client Identifier is 16 characters (RFC 6189 §5.2)");
        }
        hashes = List.copyOf(hashes);
        ciphers = List.copyOf(ciphers);
        authTags = List.copyOf(authTags);
        keyAgreements = List.copyOf(keyAgreements);
        sasTypes = List.copyOf(sasTypes);
        for (List<?> l : List.of(hashes, ciphers, authTags, keyAgreements, sasTypes)) {
            if (l.size() > 7) {
                throw new IllegalArgumentException("at most 7 algorithms per list (RFC 6189 §5.2)");
            }
        }
    }

    /** Everything Sotto implements, fastest key agreement first. */
    public static ZrtpConfig defaults() {
        return new ZrtpConfig(CLIENT_ID, List.of(HashAlgorithm.S256, HashAlgorithm.S384),
                List.of(CipherAlgorithm.AES1, CipherAlgorithm.AES3), List.of(AuthTagType.HS32, AuthTagType.HS80),
                List.of(KeyAgreementType.X255, KeyAgreementType.E255, KeyAgreementType.EC25, KeyAgreementType.DH3K,
                        KeyAgreementType.DH2K, KeyAgreementType.EC38, KeyAgreementType.MULT),
                List.of(SasType.B32, SasType.B256), false, ZrtpTimers.RFC_6189, 0xFFFF_FFFFL);
    }

    /** The same configuration offering only {@code keyAgreements} (plus Mult). */
    public ZrtpConfig withKeyAgreements(List<KeyAgreementType> keyAgreements) {
        return new ZrtpConfig(clientId, hashes, ciphers, authTags, keyAgreements, sasTypes, passive, timers,
                cacheExpirationSeconds);
    }

    public ZrtpConfig withSasTypes(List<SasType> sasTypes) {
        return new ZrtpConfig(clientId, hashes, ciphers, authTags, keyAgreements, sasTypes, passive, timers,
                cacheExpirationSeconds);
    }

    public ZrtpConfig withPassive(boolean passive) {
        return new ZrtpConfig(clientId, hashes, ciphers, authTags, keyAgreements, sasTypes, passive, timers,
                cacheExpirationSeconds);
    }

    public ZrtpConfig withTimers(ZrtpTimers timers) {
        return new ZrtpConfig(clientId, hashes, ciphers, authTags, keyAgreements, sasTypes, passive, timers,
                cacheExpirationSeconds);
    }

    public ZrtpConfig withCacheExpirationSeconds(long seconds) {
        return new ZrtpConfig(clientId, hashes, ciphers, authTags, keyAgreements, sasTypes, passive, timers, seconds);
    }
}
