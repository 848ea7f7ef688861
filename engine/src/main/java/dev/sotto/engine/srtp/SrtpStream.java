package dev.sotto.engine.srtp;

/**
 * Per-SSRC state inside a context (RFC 3711 §3.2.1): the highest index sent or the replay windows of
 * what was received, and the SRTCP index. Mutable, owned by one context on one thread.
 */
final class SrtpStream {

    /** Outbound: the highest SRTP index protected so far, -1 before the first packet. */
    long sentHighest = -1;
    /** Outbound: the next SRTCP index (31 bits, RFC 3711 §3.4). */
    int nextSrtcpIndex;
    /** Inbound: SRTP replay window; its highest index carries ROC and s_l (RFC 3711 §3.3.1). */
    final ReplayWindow srtpWindow;
    /** Inbound: SRTCP replay window over the 31-bit SRTCP index. */
    final ReplayWindow srtcpWindow;

    SrtpStream(int windowSize) {
        srtpWindow = new ReplayWindow(windowSize);
        srtcpWindow = new ReplayWindow(windowSize);
    }
}
