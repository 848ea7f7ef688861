package dev.sotto.vectors.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Realistic SIP messages of one call and one registration (in the style of RFC 3665 §2.1 and §3.1): INVITE with
 * SDP, 200 OK with SDP, ACK, BYE, REGISTER, 401 with a Digest challenge.
 */
final class SipCorpus {

    private SipCorpus() {
    }

    private static final String SDP_OFFER = "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 client.atlanta.example.com\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.101\r\n"
            + "t=0 0\r\n"
            + "m=audio 49172 RTP/SAVP 111 0 8 101\r\n"
            + "a=rtpmap:111 opus/48000/2\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-16\r\n"
            + "a=ptime:20\r\n"
            + "a=rtcp-mux\r\n"
            + "a=zrtp-hash:1.10 fe30efd02423cb054e50efd0248742ac7a52c8f91bc2df881ae642c371ba46df\r\n";

    private static final String SDP_ANSWER = "v=0\r\n"
            + "o=bob 2890844527 2890844527 IN IP4 client.biloxi.example.com\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.201\r\n"
            + "t=0 0\r\n"
            + "m=audio 3456 RTP/SAVP 111 101\r\n"
            + "a=rtpmap:111 opus/48000/2\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-16\r\n"
            + "a=rtcp-mux\r\n";

    static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS client.atlanta.example.com:5061;branch=z9hG4bK74bf9;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:alice@client.atlanta.example.com;transport=tls>\r\n"
            + "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE\r\n"
            + "Supported: replaces, timer\r\n"
            + "User-Agent: Sotto/0.1\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP_OFFER.length() + "\r\n"
            + "\r\n" + SDP_OFFER;

    static final String OK_200 = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/TLS client.atlanta.example.com:5061;branch=z9hG4bK74bf9;rport=5061;"
            + "received=192.0.2.101\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>;tag=8321234356\r\n"
            + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:bob@client.biloxi.example.com;transport=tls>\r\n"
            + "Record-Route: <sip:ss1.biloxi.example.com;lr>\r\n"
            + "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP_ANSWER.length() + "\r\n"
            + "\r\n" + SDP_ANSWER;

    static final String ACK = "ACK sip:bob@client.biloxi.example.com;transport=tls SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS client.atlanta.example.com:5061;branch=z9hG4bK74bd5\r\n"
            + "Route: <sip:ss1.biloxi.example.com;lr>\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>;tag=8321234356\r\n"
            + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
            + "CSeq: 1 ACK\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    static final String BYE = "BYE sip:alice@client.atlanta.example.com;transport=tls SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashds7\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: Bob <sip:bob@biloxi.example.com>;tag=8321234356\r\n"
            + "To: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
            + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
            + "CSeq: 1 BYE\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    static final String REGISTER = "REGISTER sips:ss2.biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashds7;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: Bob <sips:bob@biloxi.example.com>;tag=a73kszlfl\r\n"
            + "To: Bob <sips:bob@biloxi.example.com>\r\n"
            + "Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com\r\n"
            + "CSeq: 2 REGISTER\r\n"
            + "Contact: <sips:bob@client.biloxi.example.com>;expires=3600;+sip.instance=\"<urn:uuid:00000000-0000-"
            + "1000-8000-AABBCCDDEEFF>\"\r\n"
            + "Authorization: Digest username=\"bob\", realm=\"atlanta.example.com\",\r\n"
            + " nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\",\r\n"
            + " uri=\"sips:ss2.biloxi.example.com\", response=\"dfe56131d1958046689d83306477ecc\"\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    static final String UNAUTHORIZED_401 = "SIP/2.0 401 Unauthorized\r\n"
            + "Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashds7;rport=5061;"
            + "received=192.0.2.201\r\n"
            + "From: Bob <sips:bob@biloxi.example.com>;tag=a73kszlfl\r\n"
            + "To: Bob <sips:bob@biloxi.example.com>;tag=1410948204\r\n"
            + "Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com\r\n"
            + "CSeq: 1 REGISTER\r\n"
            + "WWW-Authenticate: Digest realm=\"atlanta.example.com\", qop=\"auth\",\r\n"
            + " nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\", stale=FALSE, algorithm=MD5\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    static final List<String> ALL = List.of(INVITE, OK_200, ACK, BYE, REGISTER, UNAUTHORIZED_401);

    static byte[][] bytes() {
        byte[][] out = new byte[ALL.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALL.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
