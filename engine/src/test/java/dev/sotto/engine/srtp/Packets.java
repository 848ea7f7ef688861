package dev.sotto.engine.srtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;

/** Random RTP and RTCP packets for property tests. */
final class Packets {

    private Packets() {}

    /** A version-2 RTP packet with random CSRCs, an optional RFC 8285 one-byte extension and payload. */
    static byte[] rtp(SplittableRandom r, int ssrc, int seq, int payloadLength) {
        int cc = r.nextInt(4);
        boolean extension = r.nextInt(4) == 0;
        ByteBuf b = Unpooled.buffer();
        b.writeByte(0x80 | (extension ? 0x10 : 0) | cc);
        b.writeByte(r.nextInt(128));
        b.writeShort(seq);
        b.writeInt(r.nextInt());
        b.writeInt(ssrc);
        for (int i = 0; i < cc; i++) {
            b.writeInt(r.nextInt());
        }
        if (extension) {
            int words = 1 + r.nextInt(3);
            b.writeShort(0xBEDE);
            b.writeShort(words);
            for (int i = 0; i < words * 4; i++) {
                b.writeByte(r.nextInt(256));
            }
        }
        for (int i = 0; i < payloadLength; i++) {
            b.writeByte(r.nextInt(256));
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    /** A compound RTCP packet: an RR with one report block, then an SDES CNAME. */
    static byte[] rtcp(SplittableRandom r, int ssrc) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(0x81).writeByte(201).writeShort(7).writeInt(ssrc);
        for (int i = 0; i < 6; i++) {
            b.writeInt(r.nextInt());
        }
        b.writeByte(0x81).writeByte(202).writeShort(3).writeInt(ssrc);
        b.writeByte(1).writeByte(4).writeBytes(new byte[] {'s', 'o', 't', 't'}).writeShort(0);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    static byte[] masterKey(SrtpProfile p, SplittableRandom r) {
        byte[] k = new byte[p.masterKeyLength()];
        r.nextBytes(k);
        return k;
    }

    static byte[] masterSalt(SrtpProfile p, SplittableRandom r) {
        byte[] s = new byte[p.masterSaltLength()];
        r.nextBytes(s);
        return s;
    }
}
