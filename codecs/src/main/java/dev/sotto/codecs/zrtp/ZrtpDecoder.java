package dev.sotto.codecs.zrtp;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decodes one ZRTP datagram (RFC 6189 §5) or one ZRTP message. Never throws on hostile bytes: a rejected
 * input is a {@link DecodeResult.Malformed} whose condition is a {@link ZrtpCondition} string and whose
 * offset is where the decoder noticed. A datagram is complete by definition, so there is no NeedMore.
 */
public final class ZrtpDecoder {

    private final ZrtpLimits limits;

    public ZrtpDecoder(ZrtpLimits limits) {
        this.limits = limits;
    }

    /** Decodes the readable bytes of {@code datagram} without moving its indices. */
    public DecodeResult<ZrtpPacket> decode(ByteBuf datagram) {
        if (datagram.readableBytes() > limits.maxPacketLength()) {
            return fail(ZrtpCondition.PACKET_TOO_LONG, limits.maxPacketLength());
        }
        byte[] copy = new byte[datagram.readableBytes()];
        datagram.getBytes(datagram.readerIndex(), copy);
        return decode(copy);
    }

    /** Decodes one whole datagram. */
    public DecodeResult<ZrtpPacket> decode(byte[] p) {
        int length = p.length;
        if (length > limits.maxPacketLength()) {
            return fail(ZrtpCondition.PACKET_TOO_LONG, limits.maxPacketLength());
        }
        if (length < ZrtpPacket.OVERHEAD + ZrtpWriter.MESSAGE_HEADER) {
            return fail(ZrtpCondition.TOO_SHORT, length);
        }
        // §5, Figure 2: |0 0 0 1|12 unused bits|sequence|; the unused bits MUST be ignored.
        if ((p[0] & 0xF0) != 0x10) {
            return fail(ZrtpCondition.NOT_ZRTP, 0);
        }
        ByteBuffer b = ByteBuffer.wrap(p);
        if (b.getInt(4) != ZrtpPacket.MAGIC_COOKIE) {
            return fail(ZrtpCondition.BAD_MAGIC_COOKIE, 4);
        }
        int crcAt = length - 4;
        if (ZrtpCrc.read(p, crcAt) != ZrtpCrc.compute(p, 0, crcAt)) {
            return fail(ZrtpCondition.BAD_CRC, crcAt);
        }
        DecodeResult<ZrtpMessage> m = decodeMessage(p, ZrtpPacket.HEADER, crcAt - ZrtpPacket.HEADER);
        if (m instanceof DecodeResult.Ok<ZrtpMessage> ok) {
            byte[] messageBytes = new byte[crcAt - ZrtpPacket.HEADER];
            System.arraycopy(p, ZrtpPacket.HEADER, messageBytes, 0, messageBytes.length);
            int sequence = b.getShort(2) & 0xFFFF;
            long ssrc = Integer.toUnsignedLong(b.getInt(8));
            return DecodeResult.ok(new ZrtpPacket(sequence, ssrc, ok.value(), messageBytes), length);
        }
        DecodeResult.Malformed<ZrtpMessage> bad = (DecodeResult.Malformed<ZrtpMessage>) m;
        return DecodeResult.malformed(bad.condition(), bad.offset());
    }

    /** Decodes a message alone (preamble to last word), e.g. a Hello kept for total_hash. */
    public DecodeResult<ZrtpMessage> decodeMessage(byte[] message) {
        if (message.length > limits.maxPacketLength() - ZrtpPacket.OVERHEAD) {
            return fail(ZrtpCondition.PACKET_TOO_LONG, limits.maxPacketLength() - ZrtpPacket.OVERHEAD);
        }
        return decodeMessage(message, 0, message.length);
    }

    private DecodeResult<ZrtpMessage> decodeMessage(byte[] p, int at, int length) {
        if (length < ZrtpWriter.MESSAGE_HEADER || length % 4 != 0) {
            return fail(ZrtpCondition.BAD_MESSAGE_LENGTH, at);
        }
        ByteBuffer b = ByteBuffer.wrap(p, at, length).slice();
        if ((b.getShort(0) & 0xFFFF) != ZrtpWriter.PREAMBLE) {
            return fail(ZrtpCondition.BAD_PREAMBLE, at);
        }
        int words = b.getShort(2) & 0xFFFF;
        if (words * 4 != length) {
            return fail(ZrtpCondition.BAD_MESSAGE_LENGTH, at + 2);
        }
        Optional<ZrtpMessageType> type = ZrtpMessageType.of(p, at + 4);
        if (type.isEmpty()) {
            return fail(ZrtpCondition.UNKNOWN_MESSAGE_TYPE, at + 4);
        }
        b.position(ZrtpWriter.MESSAGE_HEADER);
        switch (type.get()) {
            case HELLO: return hello(b, at, words);
            case HELLO_ACK: return empty(words, at, new HelloAckMessage());
            case COMMIT: return commit(b, at, words);
            case DH_PART1: return dhPart(b, at, words, true);
            case DH_PART2: return dhPart(b, at, words, false);
            case CONFIRM1: return confirm(b, at, words, true);
            case CONFIRM2: return confirm(b, at, words, false);
            case CONF2_ACK: return empty(words, at, new Conf2AckMessage());
            case ERROR:
                return words != 4 ? badLength(at)
                        : DecodeResult.ok(new ErrorMessage(Integer.toUnsignedLong(b.getInt())), length);
            case ERROR_ACK: return empty(words, at, new ErrorAckMessage());
            case GO_CLEAR:
                return words != 5 ? badLength(at) : DecodeResult.ok(new GoClearMessage(take(b, 8)), length);
            case CLEAR_ACK: return empty(words, at, new ClearAckMessage());
            case SAS_RELAY: return sasRelay(b, at, words);
            case RELAY_ACK: return empty(words, at, new RelayAckMessage());
            case PING:
                return words != 6 ? badLength(at) : DecodeResult.ok(new PingMessage(name(b), take(b, 8)), length);
            case PING_ACK:
                if (words != 9) {
                    return badLength(at);
                }
                return DecodeResult.ok(new PingAckMessage(name(b), take(b, 8), take(b, 8),
                        Integer.toUnsignedLong(b.getInt())), length);
            default:
                return fail(ZrtpCondition.UNKNOWN_MESSAGE_TYPE, at + 4);
        }
    }

    /** §5.2, Figure 3. */
    private DecodeResult<ZrtpMessage> hello(ByteBuffer b, int at, int words) {
        if (words < HelloMessage.FIXED_WORDS) {
            return badLength(at);
        }
        String version = name(b);
        String clientId = new String(take(b, 16), StandardCharsets.ISO_8859_1);
        byte[] h3 = take(b, 32);
        byte[] zid = take(b, 12);
        int flagsAt = b.position();
        int word = b.getInt();
        int hc = (word >>> 16) & 0xF;
        int cc = (word >>> 12) & 0xF;
        int ac = (word >>> 8) & 0xF;
        int kc = (word >>> 4) & 0xF;
        int sc = word & 0xF;
        if (Math.max(Math.max(hc, cc), Math.max(Math.max(ac, kc), sc)) > HelloMessage.MAX_PER_LIST) {
            return fail(ZrtpCondition.TOO_MANY_ALGORITHMS, at + flagsAt);
        }
        if (words != HelloMessage.FIXED_WORDS + hc + cc + ac + kc + sc) {
            return badLength(at);
        }
        List<HashAlgorithm> hashes = names(b, hc, HashAlgorithm::new);
        List<CipherAlgorithm> ciphers = names(b, cc, CipherAlgorithm::new);
        List<AuthTagType> authTags = names(b, ac, AuthTagType::new);
        List<KeyAgreementType> keyAgreements = names(b, kc, KeyAgreementType::new);
        List<SasType> sasTypes = names(b, sc, SasType::new);
        byte[] mac = take(b, 8);
        // |0|S|M|P|: the leading bit and the 8 unused bits are ignored on receipt (§5.2).
        return DecodeResult.ok(new HelloMessage(version, clientId, h3, zid, (word & 0x4000_0000) != 0,
                (word & 0x2000_0000) != 0, (word & 0x1000_0000) != 0, hashes, ciphers, authTags, keyAgreements,
                sasTypes, mac), words * 4);
    }

    /** §5.4, Figures 5–7: the key agreement type selects the form, and the form fixes the length. */
    private DecodeResult<ZrtpMessage> commit(ByteBuffer b, int at, int words) {
        if (words < CommitMessage.MULTISTREAM_WORDS) {
            return badLength(at);
        }
        byte[] h2 = take(b, 32);
        byte[] zid = take(b, 12);
        HashAlgorithm hash = new HashAlgorithm(name(b));
        CipherAlgorithm cipher = new CipherAlgorithm(name(b));
        AuthTagType authTag = new AuthTagType(name(b));
        KeyAgreementType keyAgreement = new KeyAgreementType(name(b));
        SasType sas = new SasType(name(b));
        CommitMode mode;
        if (keyAgreement.equals(KeyAgreementType.MULT)) {
            if (words != CommitMessage.MULTISTREAM_WORDS) {
                return badLength(at);
            }
            mode = new CommitMode.Multistream(take(b, 16));
        } else if (keyAgreement.equals(KeyAgreementType.PRSH)) {
            if (words != CommitMessage.PRESHARED_WORDS) {
                return badLength(at);
            }
            mode = new CommitMode.Preshared(take(b, 16), take(b, 8));
        } else {
            if (words != CommitMessage.DH_WORDS) {
                return badLength(at);
            }
            mode = new CommitMode.DiffieHellman(take(b, 32));
        }
        return DecodeResult.ok(new CommitMessage(h2, zid, hash, cipher, authTag, keyAgreement, sas, mode, take(b, 8)),
                words * 4);
    }

    /** §5.5/§5.6, Figures 8–9: pv is whatever the length leaves between the fixed fields and the MAC. */
    private DecodeResult<ZrtpMessage> dhPart(ByteBuffer b, int at, int words, boolean part1) {
        int pvLength = 4 * (words - DhPart1Message.FIXED_WORDS);
        if (pvLength <= 0 || pvLength > limits.maxPublicValueLength()) {
            return fail(ZrtpCondition.BAD_PUBLIC_VALUE_LENGTH, at + 2);
        }
        byte[] h1 = take(b, 32);
        byte[] rs1 = take(b, 8);
        byte[] rs2 = take(b, 8);
        byte[] aux = take(b, 8);
        byte[] pbx = take(b, 8);
        byte[] pv = take(b, pvLength);
        byte[] mac = take(b, 8);
        ZrtpMessage m = part1 ? new DhPart1Message(h1, rs1, rs2, aux, pbx, pv, mac)
                : new DhPart2Message(h1, rs1, rs2, aux, pbx, pv, mac);
        return DecodeResult.ok(m, words * 4);
    }

    /** §5.7, Figure 10: 19 words without a signature, at most 19 + sig len words. */
    private DecodeResult<ZrtpMessage> confirm(ByteBuffer b, int at, int words, boolean confirm1) {
        if (words < 19 || words > 19 + limits.maxSignatureWords()) {
            return badLength(at);
        }
        byte[] mac = take(b, 8);
        byte[] iv = take(b, 16);
        byte[] encrypted = take(b, words * 4 - 36);
        ZrtpMessage m = confirm1 ? new Confirm1Message(mac, iv, encrypted) : new Confirm2Message(mac, iv, encrypted);
        return DecodeResult.ok(m, words * 4);
    }

    /** §5.13, Figure 16. */
    private DecodeResult<ZrtpMessage> sasRelay(ByteBuffer b, int at, int words) {
        if (words < 19 || words > 19 + limits.maxSignatureWords()) {
            return badLength(at);
        }
        return DecodeResult.ok(new SasRelayMessage(take(b, 8), take(b, 16), take(b, words * 4 - 36)), words * 4);
    }

    private static DecodeResult<ZrtpMessage> empty(int words, int at, ZrtpMessage m) {
        return words != 3 ? badLength(at) : DecodeResult.ok(m, 12);
    }

    private static <T> List<T> names(ByteBuffer b, int count, Function<String, T> make) {
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(make.apply(name(b)));
        }
        return out;
    }

    private static String name(ByteBuffer b) {
        return new String(take(b, 4), StandardCharsets.ISO_8859_1);
    }

    private static byte[] take(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static <T> DecodeResult<T> badLength(int at) {
        return fail(ZrtpCondition.BAD_LENGTH_FOR_TYPE, at + 2);
    }

    private static <T> DecodeResult<T> fail(ZrtpCondition c, long offset) {
        return DecodeResult.malformed(c.condition(), offset);
    }
}
