package dev.sotto.codecs.zrtp;

import dev.sotto.codecs.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The encrypted region of SASrelay in the clear (RFC 6189 §5.13, Figure 16): sig len, the flags V A D, the
 * rendering scheme of the relayed SAS, the relayed sashash and the optional signature.
 *
 * @param sasVerified the V flag (§7.1)
 * @param allowClear the A flag (§4.7.2)
 * @param disclosure the D flag (§11)
 * @param renderingScheme the SAS type of the relayed sashash
 * @param sashash the relayed sashash (8 words; zeros when the receiver does not trust the MiTM)
 * @param signature the signature, if any (§7.2)
 */
public record SasRelayPlaintext(boolean sasVerified, boolean allowClear, boolean disclosure, SasType renderingScheme,
        byte[] sashash, Optional<ZrtpSignature> signature) {

    /** Flags word, rendering scheme, sashash: 10 words. */
    public static final int FIXED_LENGTH = 40;

    public SasRelayPlaintext {
        sashash = ZrtpWriter.copy(sashash, 32, "sashash");
        if (signature.isPresent() && signature.get().lengthInWords() > 0x1FF) {
            throw new IllegalArgumentException("sig len is a 9-bit field");
        }
    }

    @Override
    public byte[] sashash() {
        return sashash.clone();
    }

    /** The octets to encrypt with CFB (§5.13). */
    public byte[] encode() {
        int sigWords = signature.map(ZrtpSignature::lengthInWords).orElse(0);
        ByteBuffer b = ByteBuffer.allocate(FIXED_LENGTH + 4 * sigWords);
        int flags = (sasVerified ? ConfirmPlaintext.FLAG_V : 0) | (allowClear ? ConfirmPlaintext.FLAG_A : 0)
                | (disclosure ? ConfirmPlaintext.FLAG_D : 0);
        b.putInt(sigWords << 8 | flags);
        b.put(ZrtpNames.bytes(renderingScheme.name()));
        b.put(sashash);
        signature.ifPresent(s -> b.put(ZrtpNames.bytes(s.signatureType())).put(s.block()));
        return b.array();
    }

    /** Parses a decrypted region; the length must be exactly 10 words plus sig len words. */
    public static DecodeResult<SasRelayPlaintext> decode(byte[] plaintext, ZrtpLimits limits) {
        if (plaintext.length < FIXED_LENGTH) {
            return DecodeResult.malformed("sasrelay-too-short", plaintext.length);
        }
        ByteBuffer b = ByteBuffer.wrap(plaintext);
        int word = b.getInt();
        SasType scheme = new SasType(ZrtpNames.read(plaintext, 4));
        b.position(8);
        byte[] sashash = new byte[32];
        b.get(sashash);
        int sigWords = (word >>> 8) & 0x1FF;
        if (sigWords > limits.maxSignatureWords()) {
            return DecodeResult.malformed("signature-too-long", 0);
        }
        if (plaintext.length != FIXED_LENGTH + 4 * sigWords) {
            return DecodeResult.malformed("bad-signature-length", 0);
        }
        Optional<ZrtpSignature> signature = Optional.empty();
        if (sigWords > 0) {
            byte[] block = new byte[4 * (sigWords - 1)];
            String type = ZrtpNames.read(plaintext, FIXED_LENGTH);
            b.position(FIXED_LENGTH + 4);
            b.get(block);
            signature = Optional.of(new ZrtpSignature(type, block));
        }
        return DecodeResult.ok(new SasRelayPlaintext((word & ConfirmPlaintext.FLAG_V) != 0,
                (word & ConfirmPlaintext.FLAG_A) != 0, (word & ConfirmPlaintext.FLAG_D) != 0, scheme, sashash,
                signature), plaintext.length);
    }

    @Override
    public String toString() {
        return "SasRelayPlaintext[V=" + sasVerified + ", A=" + allowClear + ", D=" + disclosure + ", scheme="
                + renderingScheme.name() + ", signature=" + signature + "]";
    }
}
