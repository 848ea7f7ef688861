package dev.sotto.codecs.zrtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** One valid message of every type, and random valid messages for round trips. */
final class ZrtpSamples {

    private ZrtpSamples() {}

    static byte[] fill(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    static HelloMessage hello() {
        return new HelloMessage("1.10", "Sotto 0.1       ", fill(32, 0x30), fill(12, 0x60), false, false, false,
                List.of(HashAlgorithm.S256, HashAlgorithm.S384), List.of(CipherAlgorithm.AES1, CipherAlgorithm.AES3),
                List.of(AuthTagType.HS32, AuthTagType.HS80),
                List.of(KeyAgreementType.DH3K, KeyAgreementType.X255, KeyAgreementType.EC25, KeyAgreementType.MULT),
                List.of(SasType.B32, SasType.B256), fill(8, 0xA0));
    }

    static CommitMessage commitDh() {
        return new CommitMessage(fill(32, 1), fill(12, 0x60), HashAlgorithm.S256, CipherAlgorithm.AES1,
                AuthTagType.HS32, KeyAgreementType.DH3K, SasType.B32, new CommitMode.DiffieHellman(fill(32, 0x80)),
                fill(8, 0xB0));
    }

    static CommitMessage commitMult() {
        return new CommitMessage(fill(32, 1), fill(12, 0x60), HashAlgorithm.S256, CipherAlgorithm.AES1,
                AuthTagType.HS32, KeyAgreementType.MULT, SasType.B32, new CommitMode.Multistream(fill(16, 0x90)),
                fill(8, 0xB0));
    }

    static CommitMessage commitPrsh() {
        return new CommitMessage(fill(32, 1), fill(12, 0x60), HashAlgorithm.S384, CipherAlgorithm.AES3,
                AuthTagType.HS80, KeyAgreementType.PRSH, SasType.B256,
                new CommitMode.Preshared(fill(16, 0x90), fill(8, 0xC0)), fill(8, 0xB0));
    }

    static DhPart1Message dhPart1() {
        return new DhPart1Message(fill(32, 2), fill(8, 3), fill(8, 4), fill(8, 5), fill(8, 6), fill(384, 7),
                fill(8, 8));
    }

    static DhPart2Message dhPart2() {
        return new DhPart2Message(fill(32, 2), fill(8, 3), fill(8, 4), fill(8, 5), fill(8, 6), fill(32, 7),
                fill(8, 8));
    }

    static Confirm1Message confirm1() {
        return new Confirm1Message(fill(8, 9), fill(16, 10), fill(40, 11));
    }

    static Confirm2Message confirm2() {
        return new Confirm2Message(fill(8, 9), fill(16, 10), fill(52, 11));
    }

    static SasRelayMessage sasRelay() {
        return new SasRelayMessage(fill(8, 12), fill(16, 13), fill(40, 14));
    }

    /** One of each of the 16 types, the three Commit forms, both DHPart sizes. */
    static List<ZrtpMessage> all() {
        return List.of(hello(), new HelloAckMessage(), commitDh(), commitMult(), commitPrsh(), dhPart1(), dhPart2(),
                confirm1(), confirm2(), new Conf2AckMessage(), new ErrorMessage(ZrtpErrorCode.DH_BAD_PUBLIC_VALUE),
                new ErrorAckMessage(), new GoClearMessage(fill(8, 15)), new ClearAckMessage(), sasRelay(),
                new RelayAckMessage(), new PingMessage("1.10", fill(8, 16)),
                new PingAckMessage("1.10", fill(8, 17), fill(8, 18), 0xDEADBEEFL));
    }

    static byte[] packet(ZrtpMessage m) {
        return new ZrtpPacket(0x1234, 0xCAFEBABEL, m).encode();
    }

    private static String name(SplittableRandom r) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) r.nextInt(256);
        }
        return new String(c);
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static <T> List<T> list(SplittableRandom r, java.util.function.Function<String, T> f) {
        List<T> out = new ArrayList<>();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            out.add(f.apply(name(r)));
        }
        return out;
    }

    /** A random valid message of a random type (names random octets, so unknown names round-trip too). */
    static ZrtpMessage random(SplittableRandom r) {
        switch (r.nextInt(16)) {
            case 0:
                return new HelloMessage(name(r), name(r) + name(r) + name(r) + name(r), bytes(r, 32), bytes(r, 12),
                        r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), list(r, HashAlgorithm::new),
                        list(r, CipherAlgorithm::new), list(r, AuthTagType::new), list(r, KeyAgreementType::new),
                        list(r, SasType::new), bytes(r, 8));
            case 1: return new HelloAckMessage();
            case 2: {
                int form = r.nextInt(3);
                KeyAgreementType ka = form == 0 ? KeyAgreementType.MULT : form == 1 ? KeyAgreementType.PRSH
                        : new KeyAgreementType(r.nextBoolean() ? "DH3k" : name(r));
                if (ka.equals(KeyAgreementType.MULT) || ka.equals(KeyAgreementType.PRSH)) {
                    form = ka.equals(KeyAgreementType.MULT) ? 0 : 1;
                } else {
                    form = 2;
                }
                CommitMode mode = form == 0 ? new CommitMode.Multistream(bytes(r, 16))
                        : form == 1 ? new CommitMode.Preshared(bytes(r, 16), bytes(r, 8))
                        : new CommitMode.DiffieHellman(bytes(r, 32));
                return new CommitMessage(bytes(r, 32), bytes(r, 12), new HashAlgorithm(name(r)),
                        new CipherAlgorithm(name(r)), new AuthTagType(name(r)), ka, new SasType(name(r)), mode,
                        bytes(r, 8));
            }
            case 3:
                return new DhPart1Message(bytes(r, 32), bytes(r, 8), bytes(r, 8), bytes(r, 8), bytes(r, 8),
                        bytes(r, 4 * (1 + r.nextInt(128))), bytes(r, 8));
            case 4:
                return new DhPart2Message(bytes(r, 32), bytes(r, 8), bytes(r, 8), bytes(r, 8), bytes(r, 8),
                        bytes(r, 4 * (1 + r.nextInt(128))), bytes(r, 8));
            case 5: return new Confirm1Message(bytes(r, 8), bytes(r, 16), bytes(r, 40 + 4 * r.nextInt(40)));
            case 6: return new Confirm2Message(bytes(r, 8), bytes(r, 16), bytes(r, 40 + 4 * r.nextInt(40)));
            case 7: return new Conf2AckMessage();
            case 8: return new ErrorMessage(r.nextLong(1L << 32));
            case 9: return new ErrorAckMessage();
            case 10: return new GoClearMessage(bytes(r, 8));
            case 11: return new ClearAckMessage();
            case 12: return new SasRelayMessage(bytes(r, 8), bytes(r, 16), bytes(r, 40 + 4 * r.nextInt(40)));
            case 13: return new RelayAckMessage();
            case 14: return new PingMessage(name(r), bytes(r, 8));
            default: return new PingAckMessage(name(r), bytes(r, 8), bytes(r, 8), r.nextLong(1L << 32));
        }
    }

    static ConfirmPlaintext randomConfirm(SplittableRandom r) {
        Optional<ZrtpSignature> sig = r.nextBoolean() ? Optional.empty()
                : Optional.of(new ZrtpSignature(name(r), bytes(r, 4 * r.nextInt(20))));
        return new ConfirmPlaintext(bytes(r, 32), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                r.nextLong(1L << 32), sig);
    }
}
