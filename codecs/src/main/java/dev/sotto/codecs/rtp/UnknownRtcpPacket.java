package dev.sotto.codecs.rtp;

/**
 * An RTCP packet of a type this decoder does not interpret (e.g. RFC 4585 feedback); RFC 3550 §6.1 says
 * to skip it by its length.
 *
 * @param packetType the type octet
 * @param count the five-bit count/format field
 * @param bodyLength octets after the 4-octet header
 */
public record UnknownRtcpPacket(int packetType, int count, int bodyLength) implements RtcpPacket {}
