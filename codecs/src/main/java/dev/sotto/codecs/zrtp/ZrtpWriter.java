package dev.sotto.codecs.zrtp;

import java.nio.ByteBuffer;

/** Shared encoding steps of every message (RFC 6189 §5.2: preamble, length in words, type block). */
final class ZrtpWriter {

    /** RFC 6189 §5.2: every message begins with 0x505a ("PZ"). */
    static final int PREAMBLE = 0x505a;
    /** Preamble, length and type block: 3 words. */
    static final int MESSAGE_HEADER = 12;
    /** The MAC that ends Hello, Commit and DHPart messages: 2 words (§5.2, §5.4, §5.5). */
    static final int MAC_LENGTH = 8;

    private ZrtpWriter() {}

    static ByteBuffer start(ZrtpMessageType type, int bodyLength) {
        int total = MESSAGE_HEADER + bodyLength;
        if (bodyLength % 4 != 0 || total / 4 > 0xFFFF) {
            throw new IllegalArgumentException("ZRTP message body must be whole words");
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putShort((short) PREAMBLE);
        b.putShort((short) (total / 4));
        b.put(type.blockBytes());
        return b;
    }

    static byte[] copy(byte[] value, int length, String what) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " octets");
        }
        return value.clone();
    }

    static byte[] copyWords(byte[] value, String what) {
        if (value == null || value.length % 4 != 0) {
            throw new IllegalArgumentException(what + " must be whole words");
        }
        return value.clone();
    }
}
