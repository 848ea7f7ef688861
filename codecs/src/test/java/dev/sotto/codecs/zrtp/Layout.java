package dev.sotto.codecs.zrtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Builds a byte layout field by field, the way the RFC figures draw it; independent of the encoder. */
final class Layout {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Layout u8(int v) {
        out.write(v);
        return this;
    }

    Layout u16(int v) {
        return u8(v >>> 8).u8(v & 0xFF);
    }

    Layout u32(long v) {
        return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
    }

    Layout ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    Layout bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] build() {
        return out.toByteArray();
    }

    /** RFC 6189 Figure 2 around {@code message}: 0x10, zeros, sequence, 'ZRTP', SSRC, message, CRC. */
    static byte[] packet(int sequence, long ssrc, byte[] message) {
        byte[] body = new Layout().u8(0x10).u8(0).u16(sequence).u32(0x5a525450L).u32(ssrc).bytes(message).build();
        CRC32C c = new CRC32C();
        c.update(body);
        long crc = c.getValue();
        // RFC 4960 Appendix B / RFC 3720 B.4: least significant octet first.
        return new Layout().bytes(body).u8((int) crc & 0xFF).u8((int) (crc >>> 8) & 0xFF)
                .u8((int) (crc >>> 16) & 0xFF).u8((int) (crc >>> 24) & 0xFF).build();
    }
}
