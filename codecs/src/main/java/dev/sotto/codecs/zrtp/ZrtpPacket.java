package dev.sotto.codecs.zrtp;

/**
 * One ZRTP packet (RFC 6189 §5, Figure 2): header, message and CRC.
 *
 * @param sequenceNumber the 16-bit sequence number
 * @param ssrc the Source Identifier, unsigned 32 bits
 * @param message the decoded message
 * @param messageBytes the message octets exactly as received (what total_hash, hvi and the MACs cover)
 */
public record ZrtpPacket(int sequenceNumber, long ssrc, ZrtpMessage message, byte[] messageBytes) {

    /** RFC 6189 §5: the magic cookie 'ZRTP'. */
    public static final int MAGIC_COOKIE = 0x5a525450;
    /** Header (3 words) and CRC (1 word). */
    public static final int OVERHEAD = 16;
    static final int HEADER = 12;

    public ZrtpPacket {
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF || ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence number is 16 bits and SSRC 32 bits, unsigned");
        }
        if (message == null) {
            throw new IllegalArgumentException("a packet carries a message");
        }
        messageBytes = messageBytes.clone();
    }

    /** A packet to send: the message bytes are the message's own encoding. */
    public ZrtpPacket(int sequenceNumber, long ssrc, ZrtpMessage message) {
        this(sequenceNumber, ssrc, message, message.encode());
    }

    @Override
    public byte[] messageBytes() {
        return messageBytes.clone();
    }

    /** The datagram: header with first octet 0x10 and 12 zero bits (§5), message, CRC-32C. */
    public byte[] encode() {
        byte[] out = new byte[HEADER + messageBytes.length + 4];
        out[0] = 0x10;
        out[1] = 0;
        out[2] = (byte) (sequenceNumber >>> 8);
        out[3] = (byte) sequenceNumber;
        out[4] = 'Z';
        out[5] = 'R';
        out[6] = 'T';
        out[7] = 'P';
        out[8] = (byte) (ssrc >>> 24);
        out[9] = (byte) (ssrc >>> 16);
        out[10] = (byte) (ssrc >>> 8);
        out[11] = (byte) ssrc;
        System.arraycopy(messageBytes, 0, out, HEADER, messageBytes.length);
        int crcAt = HEADER + messageBytes.length;
        ZrtpCrc.write(ZrtpCrc.compute(out, 0, crcAt), out, crcAt);
        return out;
    }

    @Override
    public String toString() {
        return "ZrtpPacket[sequenceNumber=" + sequenceNumber + ", ssrc=" + ssrc + ", message=" + message + "]";
    }
}
