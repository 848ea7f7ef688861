package dev.sotto.codecs.otr;

import dev.sotto.codecs.DecodeResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a Data Message plaintext into its human-readable part and its TLVs (OTR v3 "Data Message": "a
 * single NUL ... and zero or more TLV records (with no padding between them)").
 */
public final class TlvCodec {

    private TlvCodec() {}

    public static DecodeResult<DataPlaintext> decode(byte[] plaintext, OtrLimits limits) {
        int nul = -1;
        for (int i = 0; i < plaintext.length; i++) {
            if (plaintext[i] == 0) {
                nul = i;
                break;
            }
        }
        if (nul < 0) {
            return DecodeResult.ok(new DataPlaintext(plaintext.clone(), List.of()), plaintext.length);
        }
        byte[] message = Arrays.copyOf(plaintext, nul);
        List<Tlv> tlvs = new ArrayList<>();
        int pos = nul + 1;
        while (pos < plaintext.length) {
            if (plaintext.length - pos < 4) {
                return DecodeResult.malformed("truncated TLV header", pos);
            }
            int type = ((plaintext[pos] & 0xff) << 8) | (plaintext[pos + 1] & 0xff);
            int len = ((plaintext[pos + 2] & 0xff) << 8) | (plaintext[pos + 3] & 0xff);
            if (plaintext.length - pos - 4 < len) {
                return DecodeResult.malformed("truncated TLV value", pos);
            }
            if (tlvs.size() >= limits.maxTlvs()) {
                return DecodeResult.malformed("too many TLVs", pos);
            }
            tlvs.add(new Tlv(type, Arrays.copyOfRange(plaintext, pos + 4, pos + 4 + len)));
            pos += 4 + len;
        }
        return DecodeResult.ok(new DataPlaintext(message, tlvs), plaintext.length);
    }

    /** message bytes, then (only when there are TLVs) a NUL and the TLVs. */
    public static byte[] encode(byte[] message, List<Tlv> tlvs) {
        OtrWriter w = new OtrWriter().fixed(message);
        if (!tlvs.isEmpty()) {
            w.u8(0);
            for (Tlv t : tlvs) {
                if (t.value().length > 0xffff) {
                    throw new IllegalArgumentException("TLV value longer than 65535 bytes");
                }
                w.u16(t.type()).u16(t.value().length).fixed(t.value());
            }
        }
        return w.toByteArray();
    }
}
