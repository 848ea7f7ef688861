package dev.sotto.codecs.zrtp;

import java.nio.ByteBuffer;

/**
 * Commit (RFC 6189 §5.4) in its three forms: DH (Figure 5, 29 words), Multistream (Figure 6, key agreement
 * "Mult", 25 words) and Preshared (Figure 7, key agreement "Prsh", 27 words).
 *
 * @param h2 the hash image H2 (§9)
 * @param zid the initiator's ZID
 * @param hash the chosen hash type
 * @param cipher the chosen cipher type
 * @param authTag the chosen SRTP auth tag type
 * @param keyAgreement the chosen key agreement type; "Mult" and "Prsh" select the mode
 * @param sasType the chosen SAS type
 * @param mode hvi, or the nonce (and keyID)
 * @param mac the 64-bit MAC keyed with the sender's H1
 */
public record CommitMessage(byte[] h2, byte[] zid, HashAlgorithm hash, CipherAlgorithm cipher, AuthTagType authTag,
        KeyAgreementType keyAgreement, SasType sasType, CommitMode mode, byte[] mac) implements ZrtpMessage {

    public CommitMessage {
        h2 = ZrtpWriter.copy(h2, 32, "H2");
        zid = ZrtpWriter.copy(zid, 12, "ZID");
        mac = ZrtpWriter.copy(mac, 8, "MAC");
        if (hash == null || cipher == null || authTag == null || keyAgreement == null || sasType == null) {
            throw new IllegalArgumentException("every algorithm of a Commit must be named");
        }
        if (!(mode instanceof CommitMode.Multistream == keyAgreement.equals(KeyAgreementType.MULT))
                || !(mode instanceof CommitMode.Preshared == keyAgreement.equals(KeyAgreementType.PRSH))) {
            throw new IllegalArgumentException("Commit mode must match its key agreement type (RFC 6189 §5.4)");
        }
    }

    /** Words of a DH Commit (Figure 5). */
    public static final int DH_WORDS = 29;
    /** Words of a Multistream Commit (Figure 6). */
    public static final int MULTISTREAM_WORDS = 25;
    /** Words of a Preshared Commit (Figure 7). */
    public static final int PRESHARED_WORDS = 27;

    @Override
    public byte[] h2() {
        return h2.clone();
    }

    @Override
    public byte[] zid() {
        return zid.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** The same Commit with another MAC. */
    public CommitMessage withMac(byte[] newMac) {
        return new CommitMessage(h2, zid, hash, cipher, authTag, keyAgreement, sasType, mode, newMac);
    }

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.COMMIT;
    }

    @Override
    public byte[] encode() {
        ByteBuffer b = ZrtpWriter.start(type(), 32 + 12 + 20 + mode.length() + 8);
        b.put(h2).put(zid);
        b.put(ZrtpNames.bytes(hash.name())).put(ZrtpNames.bytes(cipher.name())).put(ZrtpNames.bytes(authTag.name()))
                .put(ZrtpNames.bytes(keyAgreement.name())).put(ZrtpNames.bytes(sasType.name()));
        if (mode instanceof CommitMode.DiffieHellman dh) {
            b.put(dh.hvi());
        } else if (mode instanceof CommitMode.Multistream m) {
            b.put(m.nonce());
        } else if (mode instanceof CommitMode.Preshared p) {
            b.put(p.nonce()).put(p.keyId());
        }
        b.put(mac);
        return b.array();
    }

    @Override
    public String toString() {
        return "CommitMessage[hash=" + hash.name() + ", cipher=" + cipher.name() + ", authTag=" + authTag.name()
                + ", keyAgreement=" + keyAgreement.name() + ", sasType=" + sasType.name() + ", mode=" + mode + "]";
    }
}
