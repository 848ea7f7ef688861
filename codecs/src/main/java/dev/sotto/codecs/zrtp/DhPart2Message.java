package dev.sotto.codecs.zrtp;

/**
 * DHPart2 (RFC 6189 §5.6, Figure 9), sent by the initiator. The length of pvi depends on the key agreement
 * type of the Commit (§5.1.5, Table 5); the decoder infers it from the message length and the engine checks it
 * against {@link KeyAgreementType#publicValueLength()}.
 *
 * @param h1 the hash image H1 (§9)
 * @param rs1Id rs1IDi, 64 bits (§4.3.1)
 * @param rs2Id rs2IDi, 64 bits
 * @param auxsecretId auxsecretIDi, 64 bits
 * @param pbxsecretId pbxsecretIDi, 64 bits
 * @param publicValue pvi, whole words
 * @param mac the 64-bit MAC keyed with the sender's H0
 */
public record DhPart2Message(byte[] h1, byte[] rs1Id, byte[] rs2Id, byte[] auxsecretId, byte[] pbxsecretId,
        byte[] publicValue, byte[] mac) implements ZrtpMessage {

    /** Words of a DHPart message besides pv (Table 5: message words − pv words). */
    public static final int FIXED_WORDS = 21;

    public DhPart2Message {
        h1 = ZrtpDhPart.h1(h1);
        rs1Id = ZrtpDhPart.secretId(rs1Id, "rs1ID");
        rs2Id = ZrtpDhPart.secretId(rs2Id, "rs2ID");
        auxsecretId = ZrtpDhPart.secretId(auxsecretId, "auxsecretID");
        pbxsecretId = ZrtpDhPart.secretId(pbxsecretId, "pbxsecretID");
        publicValue = ZrtpDhPart.publicValue(publicValue);
        mac = ZrtpDhPart.mac(mac);
    }

    @Override
    public byte[] h1() {
        return h1.clone();
    }

    @Override
    public byte[] rs1Id() {
        return rs1Id.clone();
    }

    @Override
    public byte[] rs2Id() {
        return rs2Id.clone();
    }

    @Override
    public byte[] auxsecretId() {
        return auxsecretId.clone();
    }

    @Override
    public byte[] pbxsecretId() {
        return pbxsecretId.clone();
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** The same message with another MAC. */
    public DhPart2Message withMac(byte[] newMac) {
        return new DhPart2Message(h1, rs1Id, rs2Id, auxsecretId, pbxsecretId, publicValue, newMac);
    }

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.DH_PART2;
    }

    @Override
    public byte[] encode() {
        return ZrtpDhPart.encode(type(), h1, rs1Id, rs2Id, auxsecretId, pbxsecretId, publicValue, mac);
    }

    @Override
    public String toString() {
        return "DhPart2Message[pvLength=" + publicValue.length + "]";
    }
}
