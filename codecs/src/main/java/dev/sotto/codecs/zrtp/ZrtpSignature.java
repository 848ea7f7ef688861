package dev.sotto.codecs.zrtp;

/**
 * The optional SAS signature of a Confirm or SASrelay (RFC 6189 §5.7, §5.13, §7.2): a Signature Type Block
 * (§5.1.7, "PGP " or "X509") and the signature block padded with zeros to whole words.
 *
 * @param signatureType the 4-character signature type block
 * @param block the signature block, whole words
 */
public record ZrtpSignature(String signatureType, byte[] block) {

    public ZrtpSignature {
        ZrtpNames.check(signatureType, "signature type");
        block = ZrtpWriter.copyWords(block, "signature block");
    }

    @Override
    public byte[] block() {
        return block.clone();
    }

    /** The "sig len" of §5.7: words including the type block. */
    public int lengthInWords() {
        return 1 + block.length / 4;
    }

    @Override
    public String toString() {
        return "ZrtpSignature[type=" + signatureType + ", length=" + block.length + "]";
    }
}
