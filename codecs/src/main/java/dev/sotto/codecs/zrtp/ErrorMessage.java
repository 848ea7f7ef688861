package dev.sotto.codecs.zrtp;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Error (RFC 6189 §5.9, Figure 12), 4 words. Codes outside Table 8 are kept as they came.
 *
 * @param code the integer error code, unsigned 32 bits
 */
public record ErrorMessage(long code) implements ZrtpMessage {

    public ErrorMessage {
        if (code < 0 || code > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("error code is an unsigned 32-bit value");
        }
    }

    public ErrorMessage(ZrtpErrorCode code) {
        this(code.code());
    }

    /** The Table 8 meaning of the code, if it has one. */
    public Optional<ZrtpErrorCode> known() {
        return ZrtpErrorCode.of(code);
    }

    @Override
    public ZrtpMessageType type() {
        return ZrtpMessageType.ERROR;
    }

    @Override
    public byte[] encode() {
        ByteBuffer b = ZrtpWriter.start(type(), 4);
        b.putInt((int) code);
        return b.array();
    }
}
