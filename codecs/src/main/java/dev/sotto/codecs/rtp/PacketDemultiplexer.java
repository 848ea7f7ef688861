package dev.sotto.codecs.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Classifies a datagram on a port shared by RTP, RTCP, ZRTP and STUN by its first octets (RFC 7983 §7;
 * RTP versus RTCP by RFC 5761 §4; ZRTP by RFC 6189 §5). Reads without moving indices; never throws.
 */
public final class PacketDemultiplexer {

    /** RFC 8489 §5. */
    static final int STUN_MAGIC_COOKIE = 0x2112A442;
    /** RFC 6189 §5: the ASCII string "ZRTP". */
    static final int ZRTP_MAGIC_COOKIE = 0x5A525450;

    private PacketDemultiplexer() {}

    public static PacketKind classify(ByteBuf datagram) {
        int start = datagram.readerIndex();
        int length = datagram.readableBytes();
        if (length < 1) {
            return PacketKind.UNKNOWN;
        }
        int b = datagram.getUnsignedByte(start);
        if (b <= 3) {
            // RFC 8489 §5: a 20-octet header with the magic cookie in octets 4-7.
            return length >= 20 && datagram.getInt(start + 4) == STUN_MAGIC_COOKIE ? PacketKind.STUN : PacketKind.UNKNOWN;
        }
        if (b >= 16 && b <= 19) {
            // RFC 6189 §5: 0001 then version bits; the magic cookie sits in octets 4-7 of a 12-octet header.
            return length >= 12 && datagram.getInt(start + 4) == ZRTP_MAGIC_COOKIE ? PacketKind.ZRTP : PacketKind.UNKNOWN;
        }
        if (b >= 20 && b <= 63) {
            return PacketKind.DTLS;
        }
        if (b >= 64 && b <= 79) {
            return PacketKind.TURN_CHANNEL;
        }
        if (b >= 128 && b <= 191) {
            if (length < 2) {
                return PacketKind.UNKNOWN;
            }
            int second = datagram.getUnsignedByte(start + 1);
            // RFC 5761 §4: RTCP packet types 192-223 occupy the payload type range 64-95 with M set.
            return second >= 192 && second <= 223 ? PacketKind.RTCP : PacketKind.RTP;
        }
        return PacketKind.UNKNOWN;
    }
}
