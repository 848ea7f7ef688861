package dev.sotto.engine.srtp;

import io.netty.buffer.ByteBuf;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;

/**
 * One SRTP/SRTCP cryptographic context (RFC 3711 §3.2): a profile, the session keys of one master key,
 * and per-SSRC state for what this side protects (outbound) and what it unprotects (inbound).
 *
 * <p>Protect and unprotect work in place on the readable bytes of a buffer and, once the context and a
 * stream exist, allocate nothing per packet with the AES-CM profiles: the JCE Cipher and Mac objects,
 * counter blocks, keystream and tag scratch arrays are reused. A failure is a {@link SrtpStatus}, counted
 * per context, never an exception. Not thread-safe: a context belongs to one event loop (DESIGN.md).
 */
public final class SrtpCryptoContext {

    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    /** values() clones its array on every call; the hot path must not. */
    private static final SrtpStatus[] STATUSES = SrtpStatus.values();

    private final SrtpProfile profile;
    private final SrtpConfig config;
    private final SrtpTransform transform;
    private final IntObjectHashMap<SrtpStream> outbound = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtpStream> inbound = new IntObjectHashMap<>();
    private final long[] counts = new long[STATUSES.length];
    private boolean destroyed;
    /** Scratch copy for buffers without a backing array (direct buffers). */
    private final byte[] scratch;

    private SrtpCryptoContext(SrtpProfile profile, SrtpSessionKeys keys, SrtpConfig config) {
        this.profile = profile;
        this.config = config;
        this.transform = profile.isAead()
                ? new AesGcmTransform(profile, keys, config.maxPacketLength())
                : new AesCmHmacSha1Transform(profile, keys, config.maxPacketLength());
        this.scratch = new byte[config.maxPacketLength() + 64];
    }

    /** A context keyed from a master key and salt (kdr 0). The caller keeps and wipes its arrays. */
    public static SrtpCryptoContext create(SrtpProfile profile, byte[] masterKey, byte[] masterSalt, SrtpConfig config) {
        SrtpSessionKeys keys = SrtpSessionKeys.derive(profile, masterKey, masterSalt);
        try {
            return new SrtpCryptoContext(profile, keys, config);
        } finally {
            keys.wipe();
        }
    }

    /** A context from already derived session keys (test vectors that give session keys). */
    public static SrtpCryptoContext fromSessionKeys(SrtpProfile profile, SrtpSessionKeys keys, SrtpConfig config) {
        return new SrtpCryptoContext(profile, keys, config);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** How many calls ended with {@code status}. */
    public long count(SrtpStatus status) {
        return counts[status.ordinal()];
    }

    /** The rollover counter of an inbound SSRC, or -1 when nothing was received from it. */
    public long inboundRolloverCounter(int ssrc) {
        SrtpStream s = inbound.get(ssrc);
        return s == null || s.srtpWindow.highest() < 0 ? -1 : s.srtpWindow.highest() >>> 16;
    }

    /**
     * Sets the rollover counter an outbound SSRC starts from (RFC 3711 §3.3.1: ROC is signalled, e.g. by
     * the key management, when a stream joins late). Must be called before its first packet.
     */
    public void startOutbound(int ssrc, long rolloverCounter, int sequenceNumber) {
        SrtpStream s = outbound.get(ssrc);
        if (s == null) {
            s = new SrtpStream(config.replayWindowSize());
            outbound.put(ssrc, s);
        }
        s.sentHighest = ((rolloverCounter << 16) | (sequenceNumber & 0xffff)) - 1;
    }

    /** Sets the next SRTCP index an outbound SSRC sends (31 bits; RFC 3711 §3.4). */
    public void startOutboundRtcp(int ssrc, int srtcpIndex) {
        if (srtcpIndex < 0) {
            throw new IllegalArgumentException("the SRTCP index has 31 bits");
        }
        SrtpStream s = outbound.get(ssrc);
        if (s == null) {
            s = new SrtpStream(config.replayWindowSize());
            outbound.put(ssrc, s);
        }
        s.nextSrtcpIndex = srtcpIndex;
    }

    /** Sets where an inbound SSRC starts: the index just before its first expected packet. */
    public void startInbound(int ssrc, long rolloverCounter, int sequenceNumber) {
        SrtpStream s = new SrtpStream(config.replayWindowSize());
        long first = (rolloverCounter << 16) | (sequenceNumber & 0xffff);
        if (first > 0) {
            // Seed the window so estimation knows ROC and s_l; first - 1 itself is then marked received.
            s.srtpWindow.accept(first - 1);
        }
        inbound.put(ssrc, s);
    }

    /**
     * Wipes the key material this context holds in its own arrays and makes every later call return
     * {@link SrtpStatus#DESTROYED}. Call it when a call ends or the keys are replaced (RFC 3711 §8.1).
     */
    public void destroy() {
        destroyed = true;
        transform.destroy();
        java.util.Arrays.fill(scratch, (byte) 0);
    }

    // --- RTP ---

    /** Encrypts and tags the RTP packet in {@code packet}'s readable bytes; the writer index grows. */
    public SrtpStatus protectRtp(ByteBuf packet) {
        if (destroyed) {
            return reject(SrtpStatus.DESTROYED);
        }
        int len = packet.readableBytes();
        if (len + transform.srtpTrailer() > config.maxPacketLength()) {
            return reject(SrtpStatus.TOO_LONG);
        }
        if (packet.maxWritableBytes() < transform.srtpTrailer()) {
            return reject(SrtpStatus.NO_ROOM);
        }
        packet.ensureWritable(transform.srtpTrailer());
        return inPlace(packet, len, protectRtpCore);
    }

    /** Verifies, replay-checks and decrypts the SRTP packet in {@code packet}; the writer index shrinks. */
    public SrtpStatus unprotectRtp(ByteBuf packet) {
        if (destroyed) {
            return reject(SrtpStatus.DESTROYED);
        }
        int len = packet.readableBytes();
        if (len > config.maxPacketLength()) {
            return reject(SrtpStatus.TOO_LONG);
        }
        return inPlace(packet, len, unprotectRtpCore);
    }

    // --- RTCP ---

    /** Encrypts (per {@link SrtpConfig#encryptSrtcp()}) and tags the compound RTCP packet in place. */
    public SrtpStatus protectRtcp(ByteBuf packet) {
        if (destroyed) {
            return reject(SrtpStatus.DESTROYED);
        }
        int len = packet.readableBytes();
        if (len + transform.srtcpTrailer() > config.maxPacketLength()) {
            return reject(SrtpStatus.TOO_LONG);
        }
        if (packet.maxWritableBytes() < transform.srtcpTrailer()) {
            return reject(SrtpStatus.NO_ROOM);
        }
        packet.ensureWritable(transform.srtcpTrailer());
        return inPlace(packet, len, protectRtcpCore);
    }

    /** Verifies, replay-checks and (when E is set) decrypts the SRTCP packet in place. */
    public SrtpStatus unprotectRtcp(ByteBuf packet) {
        if (destroyed) {
            return reject(SrtpStatus.DESTROYED);
        }
        int len = packet.readableBytes();
        if (len > config.maxPacketLength()) {
            return reject(SrtpStatus.TOO_LONG);
        }
        return inPlace(packet, len, unprotectRtcpCore);
    }

    // --- cores on arrays: return the new length, or -(1 + status ordinal) ---

    private int protectRtp(byte[] b, int off, int len) {
        int headerLength = rtpHeaderLength(b, off, len);
        if (headerLength < 0) {
            return headerLength;
        }
        int ssrc = getInt(b, off + 8);
        int seq = ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
        SrtpStream stream = outbound.get(ssrc);
        if (stream == null) {
            if (outbound.size() >= config.maxStreams()) {
                return fail(SrtpStatus.TOO_MANY_STREAMS);
            }
            stream = new SrtpStream(config.replayWindowSize());
            outbound.put(ssrc, stream);
        }
        // The sender keeps ROC the same way a receiver estimates it (RFC 3711 §3.3.1), so a sender that
        // hands packets over slightly out of order still gets the right index.
        long index = stream.sentHighest < 0 ? seq : SrtpIndex.estimate(stream.sentHighest, seq);
        if (index < 0) {
            return fail(SrtpStatus.TOO_OLD);
        }
        if (index > SrtpIndex.MAX) {
            return fail(SrtpStatus.KEY_EXHAUSTED);
        }
        if (index > stream.sentHighest) {
            stream.sentHighest = index;
        }
        return transform.protectRtp(b, off, len, headerLength, ssrc, index);
    }

    private int unprotectRtp(byte[] b, int off, int len) {
        int tag = transform.srtpTrailer();
        if (len < RTP_HEADER + tag) {
            return fail(SrtpStatus.TOO_SHORT);
        }
        int headerLength = rtpHeaderLength(b, off, len - tag);
        if (headerLength < 0) {
            return headerLength;
        }
        int ssrc = getInt(b, off + 8);
        int seq = ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
        SrtpStream stream = inbound.get(ssrc);
        long index;
        if (stream == null || stream.srtpWindow.highest() < 0) {
            index = seq;
        } else {
            index = SrtpIndex.estimate(stream.srtpWindow.highest(), seq);
            if (index < 0) {
                return fail(SrtpStatus.TOO_OLD);
            }
            if (index > SrtpIndex.MAX) {
                return fail(SrtpStatus.KEY_EXHAUSTED);
            }
            // RFC 3711 §3.3 step 2: the replay check comes before any cryptography.
            ReplayWindow.Verdict verdict = stream.srtpWindow.check(index);
            if (verdict != ReplayWindow.Verdict.FRESH) {
                return fail(verdict == ReplayWindow.Verdict.REPLAYED ? SrtpStatus.REPLAYED : SrtpStatus.TOO_OLD);
            }
        }
        if (stream == null && inbound.size() >= config.maxStreams()) {
            return fail(SrtpStatus.TOO_MANY_STREAMS);
        }
        int result = transform.unprotectRtp(b, off, len, headerLength, ssrc, index);
        if (result < 0) {
            return fail(SrtpStatus.AUTH_FAILED);
        }
        // Only an authenticated packet moves ROC, s_l and the window (RFC 3711 §3.3.1, §3.3.2).
        if (stream == null) {
            stream = new SrtpStream(config.replayWindowSize());
            inbound.put(ssrc, stream);
        }
        stream.srtpWindow.accept(index);
        return result;
    }

    private int protectRtcp(byte[] b, int off, int len) {
        if (len < RTCP_HEADER) {
            return fail(SrtpStatus.TOO_SHORT);
        }
        if ((b[off] & 0xc0) != 0x80) {
            return fail(SrtpStatus.MALFORMED);
        }
        int ssrc = getInt(b, off + 4);
        SrtpStream stream = outbound.get(ssrc);
        if (stream == null) {
            if (outbound.size() >= config.maxStreams()) {
                return fail(SrtpStatus.TOO_MANY_STREAMS);
            }
            stream = new SrtpStream(config.replayWindowSize());
            outbound.put(ssrc, stream);
        }
        int index = stream.nextSrtcpIndex;
        if (index < 0) {
            // RFC 3711 §3.4, §9.2: the 31-bit SRTCP index must not wrap under one master key.
            return fail(SrtpStatus.KEY_EXHAUSTED);
        }
        stream.nextSrtcpIndex = index + 1;
        return transform.protectRtcp(b, off, len, ssrc, index, config.encryptSrtcp());
    }

    private int unprotectRtcp(byte[] b, int off, int len) {
        int trailer = transform.srtcpTrailer();
        if (len < RTCP_HEADER + trailer) {
            return fail(SrtpStatus.TOO_SHORT);
        }
        if ((b[off] & 0xc0) != 0x80) {
            return fail(SrtpStatus.MALFORMED);
        }
        int ssrc = getInt(b, off + 4);
        // The E||index word precedes the HMAC tag (RFC 3711 §3.4) but follows the AEAD tag (RFC 7714 §17).
        int wordOffset = profile.isAead() ? len - 4 : len - trailer;
        int word = getInt(b, off + wordOffset);
        long index = word & 0x7fffffffL;
        SrtpStream stream = inbound.get(ssrc);
        if (stream != null) {
            ReplayWindow.Verdict verdict = stream.srtcpWindow.check(index);
            if (verdict != ReplayWindow.Verdict.FRESH) {
                return fail(verdict == ReplayWindow.Verdict.REPLAYED ? SrtpStatus.REPLAYED : SrtpStatus.TOO_OLD);
            }
        } else if (inbound.size() >= config.maxStreams()) {
            return fail(SrtpStatus.TOO_MANY_STREAMS);
        }
        int result = transform.unprotectRtcp(b, off, len, ssrc, word, wordOffset);
        if (result < 0) {
            return fail(SrtpStatus.AUTH_FAILED);
        }
        if (stream == null) {
            stream = new SrtpStream(config.replayWindowSize());
            inbound.put(ssrc, stream);
        }
        stream.srtcpWindow.accept(index);
        return result;
    }

    /**
     * The RTP header length with CSRCs and header extension (RFC 3550 §5.1, §5.3.1), or a failure code when
     * the packet is not version 2 or its lengths overrun it.
     */
    private int rtpHeaderLength(byte[] b, int off, int len) {
        if (len < RTP_HEADER) {
            return fail(SrtpStatus.TOO_SHORT);
        }
        int first = b[off] & 0xff;
        if ((first & 0xc0) != 0x80) {
            return fail(SrtpStatus.MALFORMED);
        }
        int headerLength = RTP_HEADER + 4 * (first & 0x0f);
        if ((first & 0x10) != 0) {
            if (headerLength + 4 > len) {
                return fail(SrtpStatus.MALFORMED);
            }
            int words = ((b[off + headerLength + 2] & 0xff) << 8) | (b[off + headerLength + 3] & 0xff);
            headerLength += 4 + 4 * words;
        }
        if (headerLength > len) {
            return fail(SrtpStatus.MALFORMED);
        }
        return headerLength;
    }

    /** One of the array cores below: returns the new length, or -(1 + status ordinal). */
    @FunctionalInterface
    private interface ArrayCore {
        int apply(byte[] buf, int off, int len);
    }

    // Bound once, so the per-packet path allocates no method-reference objects.
    private final ArrayCore protectRtpCore = this::protectRtp;
    private final ArrayCore unprotectRtpCore = this::unprotectRtp;
    private final ArrayCore protectRtcpCore = this::protectRtcp;
    private final ArrayCore unprotectRtcpCore = this::unprotectRtcp;

    /**
     * Runs a core on the packet's bytes: directly on a heap buffer's array, or through the context's scratch
     * array for a direct buffer (copied in, transformed, copied back).
     */
    private SrtpStatus inPlace(ByteBuf packet, int len, ArrayCore core) {
        if (packet.hasArray()) {
            return finish(packet, core.apply(packet.array(), packet.arrayOffset() + packet.readerIndex(), len));
        }
        packet.getBytes(packet.readerIndex(), scratch, 0, len);
        int result = core.apply(scratch, 0, len);
        if (result > 0) {
            packet.setBytes(packet.readerIndex(), scratch, 0, result);
        }
        return finish(packet, result);
    }

    private SrtpStatus finish(ByteBuf packet, int result) {
        if (result < 0) {
            // fail() already counted it.
            return STATUSES[-result - 1];
        }
        packet.writerIndex(packet.readerIndex() + result);
        counts[SrtpStatus.OK.ordinal()]++;
        return SrtpStatus.OK;
    }

    private int fail(SrtpStatus status) {
        counts[status.ordinal()]++;
        return -1 - status.ordinal();
    }

    private SrtpStatus reject(SrtpStatus status) {
        counts[status.ordinal()]++;
        return status;
    }

    private static int getInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
