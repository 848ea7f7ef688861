package dev.sotto.codecs.zrtp;

import dev.sotto.codecs.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The encrypted region of Confirm1/Confirm2 in the clear (RFC 6189 §5.7, Figure 10, between the "===="
 * lines): H0, sig len, the flags E V A D, the cache expiration interval and the optional signature.
 *
 * @param h0 the hash preimage H0 (§9)
 * @param pbxEnrollment the E flag (§7.3.1)
 * @param sasVerified the V flag (§7.1)
 * @param allowClear the A flag (§4.7.2)
 * @param disclosure the D flag (§11)
 * @param cacheExpirationInterval seconds, unsigned 32 bits (§4.9); 0xFFFFFFFF means never expire
 * @param signature the SAS signature, if any (§7.2)
 */
public record ConfirmPlaintext(byte[] h0, boolean pbxEnrollment, boolean sasVerified, boolean allowClear,
        boolean disclosure, long cacheExpirationInterval, Optional<ZrtpSignature> signature) {

    /** H0, the flags word and the cache expiration interval: 10 words. */
    public static final int FIXED_LENGTH = 40;

    static final int FLAG_E = 0x08;
    static final int FLAG_V = 0x04;
    static final int FLAG_A = 0x02;
    static final int FLAG_D = 0x01;

    public ConfirmPlaintext {
        h0 = ZrtpWriter.copy(h0, 32, "H0");
        if (cacheExpirationInterval < 0 || cacheExpirationInterval > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("cache expiration interval is an unsigned 32-bit value");
        }
        if (signature.isPresent() && signature.get().lengthInWords() > 0x1FF) {
            throw new IllegalArgumentException("sig len is a 9-bit field");
        }
    }

    @Override
    public byte[] h0() {
        return h0.clone();
    }

    /** The octets to encrypt with CFB (§5.7). */
    public byte[] encode() {
        int sigWords = signature.map(ZrtpSignature::lengthInWords).orElse(0);
        ByteBuffer b = ByteBuffer.allocate(FIXED_LENGTH + 4 * sigWords);
        b.put(h0);
        int flags = (pbxEnrollment ? FLAG_E : 0) | (sasVerified ? FLAG_V : 0) | (allowClear ? FLAG_A : 0)
                | (disclosure ? FLAG_D : 0);
        // | Unused (15) | sig len (9) | 0 0 0 0 E V A D |
        b.putInt(sigWords << 8 | flags);
        b.putInt((int) cacheExpirationInterval);
        signature.ifPresent(s -> b.put(ZrtpNames.bytes(s.signatureType())).put(s.block()));
        return b.array();
    }

    /**
     * Parses a decrypted region. The length must be exactly 10 words plus sig len words: a wrong key or a
     * tampered message usually fails here or at the MAC, and never throws.
     */
    public static DecodeResult<ConfirmPlaintext> decode(byte[] plaintext, ZrtpLimits limits) {
        if (plaintext.length < FIXED_LENGTH) {
            return DecodeResult.malformed("confirm-too-short", plaintext.length);
        }
        ByteBuffer b = ByteBuffer.wrap(plaintext);
        byte[] h0 = new byte[32];
        b.get(h0);
        int word = b.getInt();
        long cache = Integer.toUnsignedLong(b.getInt());
        int sigWords = (word >>> 8) & 0x1FF;
        if (sigWords > limits.maxSignatureWords()) {
            return DecodeResult.malformed("signature-too-long", 32);
        }
        if (plaintext.length != FIXED_LENGTH + 4 * sigWords) {
            return DecodeResult.malformed("bad-signature-length", 32);
        }
        Optional<ZrtpSignature> signature = Optional.empty();
        if (sigWords > 0) {
            byte[] block = new byte[4 * (sigWords - 1)];
            String type = ZrtpNames.read(plaintext, FIXED_LENGTH);
            b.position(FIXED_LENGTH + 4);
            b.get(block);
            signature = Optional.of(new ZrtpSignature(type, block));
        }
        return DecodeResult.ok(new ConfirmPlaintext(h0, (word & FLAG_E) != 0, (word & FLAG_V) != 0,
                (word & FLAG_A) != 0, (word & FLAG_D) != 0, cache, signature), plaintext.length);
    }

    @Override
    public String toString() {
        // H0 is the last preimage of the hash chain: never printed.
        return "ConfirmPlaintext[E=" + pbxEnrollment + ", V=" + sasVerified + ", A=" + allowClear + ", D=" + disclosure
                + ", cacheExpirationInterval=" + cacheExpirationInterval + ", signature=" + signature + "]";
    }
}
