package dev.sotto.engine.srtp;

/**
 * Every limit of an SRTP session in one place.
 *
 * @param replayWindowSize packets remembered behind the highest index, for SRTP and SRTCP; at least 64
 *     (RFC 3711 §3.3.2), rounded up to a multiple of 64
 * @param maxStreams the number of SSRCs one session tracks in each direction
 * @param maxPacketLength the largest packet (with trailer) accepted; scratch buffers are sized from it
 * @param encryptSrtcp whether outgoing SRTCP is encrypted (the E flag, RFC 3711 §3.4)
 */
public record SrtpConfig(int replayWindowSize, int maxStreams, int maxPacketLength, boolean encryptSrtcp) {

    /** The default window of 128 packets, 64 streams, 1500-octet datagrams on a typical path MTU. */
    public static final SrtpConfig DEFAULT = new SrtpConfig(128, 64, 1500, true);

    public SrtpConfig {
        if (replayWindowSize < 64 || replayWindowSize > 1 << 15) {
            throw new IllegalArgumentException("replayWindowSize must be in [64, 32768]");
        }
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be positive");
        }
        if (maxPacketLength < 64 || maxPacketLength > 65535) {
            throw new IllegalArgumentException("maxPacketLength must be in [64, 65535]");
        }
    }

    public SrtpConfig withReplayWindowSize(int size) {
        return new SrtpConfig(size, maxStreams, maxPacketLength, encryptSrtcp);
    }

    public SrtpConfig withEncryptSrtcp(boolean encrypt) {
        return new SrtpConfig(replayWindowSize, maxStreams, maxPacketLength, encrypt);
    }
}
