package dev.sotto.codecs.rtp;

/** One RTCP packet of a compound packet (RFC 3550 §6.4 to §6.7); unknown types are kept as such (§6.1). */
public sealed interface RtcpPacket
        permits SenderReport, ReceiverReport, SourceDescription, Goodbye, ApplicationDefined, UnknownRtcpPacket {

    int SR = 200;
    int RR = 201;
    int SDES = 202;
    int BYE = 203;
    int APP = 204;

    /** The packet type octet. */
    int packetType();
}
