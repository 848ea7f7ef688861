package dev.sotto.codecs.zrtp;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Hello (RFC 6189 §5.2, Figure 3).
 *
 * @param version the 4-character protocol version, {@code "1.10"} for RFC 6189
 * @param clientId the 16-character Client Identifier (4 words)
 * @param h3 the hash image H3 (8 words, §9)
 * @param zid the sender's ZID (3 words, §4.9)
 * @param signatureCapable the S flag
 * @param mitm the M flag (the sender may send SASrelay)
 * @param passive the P flag (the sender never sends Commit)
 * @param hashes hash types in preference order, 0 to 7 (§5.1.2)
 * @param ciphers cipher types, 0 to 7 (§5.1.3)
 * @param authTags SRTP auth tag types, 0 to 7 (§5.1.4)
 * @param keyAgreements key agreement types, 0 to 7 (§5.1.5)
 * @param sasTypes SAS types, 0 to 7 (§5.1.6)
 * @param mac the 64-bit MAC keyed with the sender's H2 (§5.2, §9)
 */
public record HelloMessage(String version, String clientId, byte[] h3, byte[] zid, boolean signatureCapable,
        boolean mitm, boolean passive, List<HashAlgorithm> hashes, List<CipherAlgorithm> ciphers,
        List<AuthTagType> authTags, List<KeyAgreementType> keyAgreements, List<SasType> sasTypes, byte[] mac)
        implements ZrtpMessage {

    /** "1.10" for this specification (§4.1.1). */
    public static final String VERSION_1_10 = "1.10";
    /** The Figure 3 limit per algorithm list. */
    public static final int MAX_PER_LIST = 7;
    /** Words of a Hello with empty lists. */
    static final int FIXED_WORDS = 22;

    public HelloMessage {
        ZrtpNames.check(version, "version");
        if (clientId == null || clientId.length() != 16 || !clientId.chars().allMatch(c -> c <= 0xFF)) {
            throw new IllegalArgumentException("client identifier must be 16 single-octet characters");
        }
        h3 = ZrtpWriter.copy(h3, 32, "H3");
        zid = ZrtpWriter.copy(zid, 12, "ZID");
        mac = ZrtpWriter.copy(mac, 8, "MAC");
        hashes = checked(hashes);
        ciphers = checked(ciphers);
        authTags = checked(authTags);
        keyAgreements = checked(keyAgreements);
        sasTypes = checked(sasTypes);
    }

    private static <T> List<T> checked(List<T> list) {
        if (list.size() > MAX_PER_LIST) {
            throw new IllegalArgumentException("at most 7 algorithms per list (RFC 6189 §5.2)");
        }
        return List.copyOf(list);
    }

    @Override
    public byte[] h3() {
        return h3.clone();
    }

    @Override
    public byte[] zid() {
        return zid.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** The same Hello with another MAC (the sender computes it over {@link #encode()} minus the MAC). */
    public HelloMessage withMac(byte[] newMac) {
        return new HelloMessage(version, clientId, h3, zid, signatureCapable, mitm, passive, hashes, ciphers,
                authTags, keyAgreements, sasTypes, newMac);
    }

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.HELLO;
    }

    @Override
    public byte[] encode() {
        int n = hashes.size() + ciphers.size() + authTags.size() + keyAgreements.size() + sasTypes.size();
        ByteBuffer b = ZrtpWriter.start(type(), 4 * (FIXED_WORDS - 3 + n));
        b.put(ZrtpNames.bytes(version));
        b.put(clientId.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        b.put(h3).put(zid);
        // |0|S|M|P| unused (8) | hc | cc | ac | kc | sc |
        int flags = (signatureCapable ? 0x4 : 0) | (mitm ? 0x2 : 0) | (passive ? 0x1 : 0);
        b.putInt(flags << 28 | hashes.size() << 16 | ciphers.size() << 12 | authTags.size() << 8
                | keyAgreements.size() << 4 | sasTypes.size());
        hashes.forEach(a -> b.put(ZrtpNames.bytes(a.name())));
        ciphers.forEach(a -> b.put(ZrtpNames.bytes(a.name())));
        authTags.forEach(a -> b.put(ZrtpNames.bytes(a.name())));
        keyAgreements.forEach(a -> b.put(ZrtpNames.bytes(a.name())));
        sasTypes.forEach(a -> b.put(ZrtpNames.bytes(a.name())));
        b.put(mac);
        return b.array();
    }

    @Override
    public String toString() {
        return "HelloMessage[version=" + version + ", hashes=" + hashes + ", ciphers=" + ciphers + ", authTags="
                + authTags + ", keyAgreements=" + keyAgreements + ", sasTypes=" + sasTypes + ", S=" + signatureCapable
                + ", M=" + mitm + ", P=" + passive + "]";
    }
}
