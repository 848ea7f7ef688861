package dev.sotto.codecs.rtp;

import java.util.List;
import java.util.Optional;

/**
 * A decoded RTP packet header (RFC 3550 §5.1) and where its payload lies in the datagram.
 *
 * @param padding the P bit; {@code paddingLength} says how many octets it removes
 * @param marker the M bit
 * @param payloadType 7-bit PT
 * @param sequenceNumber 16-bit
 * @param timestamp 32-bit, unsigned
 * @param ssrc 32-bit, unsigned
 * @param csrcs the contributing sources, unsigned
 * @param extension the header extension when X = 1
 * @param payloadOffset offset of the payload from the start of the datagram
 * @param payloadLength payload octets, padding excluded
 * @param paddingLength padding octets at the end, the count octet included
 */
public record RtpPacket(boolean padding, boolean marker, int payloadType, int sequenceNumber, long timestamp,
        long ssrc, List<Long> csrcs, Optional<RtpHeaderExtension> extension, int payloadOffset, int payloadLength,
        int paddingLength) {

    public RtpPacket {
        csrcs = List.copyOf(csrcs);
    }

    /** The header length, CSRCs and extension included. */
    public int headerLength() {
        return payloadOffset;
    }
}
