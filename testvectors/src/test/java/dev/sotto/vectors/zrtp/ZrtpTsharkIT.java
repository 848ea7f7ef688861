package dev.sotto.vectors.zrtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.zrtp.AuthTagType;
import dev.sotto.codecs.zrtp.CipherAlgorithm;
import dev.sotto.codecs.zrtp.ClearAckMessage;
import dev.sotto.codecs.zrtp.CommitMessage;
import dev.sotto.codecs.zrtp.CommitMode;
import dev.sotto.codecs.zrtp.Conf2AckMessage;
import dev.sotto.codecs.zrtp.Confirm1Message;
import dev.sotto.codecs.zrtp.Confirm2Message;
import dev.sotto.codecs.zrtp.ConfirmPlaintext;
import dev.sotto.codecs.zrtp.DhPart1Message;
import dev.sotto.codecs.zrtp.DhPart2Message;
import dev.sotto.codecs.zrtp.ErrorAckMessage;
import dev.sotto.codecs.zrtp.ErrorMessage;
import dev.sotto.codecs.zrtp.GoClearMessage;
import dev.sotto.codecs.zrtp.HashAlgorithm;
import dev.sotto.codecs.zrtp.HelloAckMessage;
import dev.sotto.codecs.zrtp.HelloMessage;
import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.codecs.zrtp.PingAckMessage;
import dev.sotto.codecs.zrtp.PingMessage;
import dev.sotto.codecs.zrtp.RelayAckMessage;
import dev.sotto.codecs.zrtp.SasRelayMessage;
import dev.sotto.codecs.zrtp.SasRelayPlaintext;
import dev.sotto.codecs.zrtp.SasType;
import dev.sotto.codecs.zrtp.ZrtpErrorCode;
import dev.sotto.codecs.zrtp.ZrtpMessage;
import dev.sotto.codecs.zrtp.ZrtpMessageType;
import dev.sotto.codecs.zrtp.ZrtpPacket;
import dev.sotto.codecs.zrtp.ZrtpSignature;
import dev.sotto.engine.zrtp.ZrtpHashChain;
import dev.sotto.engine.zrtp.ZrtpKeyAgreement;
import dev.sotto.vectors.peers.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's ZRTP dissector (tshark, Debian package) reads a capture of one packet of every ZRTP message type
 * Sotto encodes, with real public values, hash-chain MACs and CFB-encrypted Confirm regions, and reports every
 * message type, a good CRC and no malformed packet or expert error. Two negative controls show the scan would
 * notice a bad CRC and a truncated message.
 */
class ZrtpTsharkIT {

    private static final int PORT = 5004;
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir Path tmp;

    private static Path tshark;

    @BeforeAll
    static void tshark() {
        tshark = Peers.requireTool("tshark");
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** RFC 6189 §5.7: AES in CFB mode with 128-bit feedback, and a 64-bit HMAC-SHA-256 over the ciphertext. */
    private static byte[][] sealed(byte[] plaintext) throws Exception {
        byte[] iv = random(16);
        Cipher cfb = Cipher.getInstance("AES/CFB128/NoPadding");
        cfb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(random(16), "AES"), new IvParameterSpec(iv));
        byte[] encrypted = cfb.doFinal(plaintext);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(random(32), "HmacSHA256"));
        return new byte[][] {Arrays.copyOf(mac.doFinal(encrypted), 8), iv, encrypted};
    }

    private static DhPart1Message dhPart1(KeyAgreementType type, ZrtpHashChain chain) {
        byte[] pv = ZrtpKeyAgreement.of(type, CipherAlgorithm.AES1).generate(RANDOM).publicValue();
        DhPart1Message m = new DhPart1Message(chain.h1(), random(8), random(8), random(8), random(8), pv, new byte[8]);
        return m.withMac(ZrtpHashChain.messageMac(chain.h0(), m.encode()));
    }

    private static DhPart2Message dhPart2(KeyAgreementType type, ZrtpHashChain chain) {
        byte[] pv = ZrtpKeyAgreement.of(type, CipherAlgorithm.AES1).generate(RANDOM).publicValue();
        DhPart2Message m = new DhPart2Message(chain.h1(), random(8), random(8), random(8), random(8), pv, new byte[8]);
        return m.withMac(ZrtpHashChain.messageMac(chain.h0(), m.encode()));
    }

    /** One handshake's worth of messages and every other type, as Sotto encodes them. */
    static List<ZrtpMessage> everyMessage() throws Exception {
        ZrtpHashChain responder = ZrtpHashChain.generate(RANDOM);
        ZrtpHashChain initiator = ZrtpHashChain.generate(RANDOM);
        HelloMessage hello = new HelloMessage("1.10", "Sotto 0.1       ", responder.h3(), random(12), false, false,
                false, List.of(HashAlgorithm.S384, HashAlgorithm.S256), List.of(CipherAlgorithm.AES3,
                        CipherAlgorithm.AES1), List.of(AuthTagType.HS80, AuthTagType.HS32),
                List.of(KeyAgreementType.DH3K, KeyAgreementType.EC25, KeyAgreementType.X255, KeyAgreementType.MULT),
                List.of(SasType.B32, SasType.B256), new byte[8]);
        hello = hello.withMac(ZrtpHashChain.messageMac(responder.h2(), hello.encode()));
        DhPart2Message part2 = dhPart2(KeyAgreementType.DH3K, initiator);
        // §4.4.1.1: hvi = hash(initiator's DHPart2 || responder's Hello), SHA-256 here.
        byte[] both = new byte[part2.encode().length + hello.encode().length];
        System.arraycopy(part2.encode(), 0, both, 0, part2.encode().length);
        System.arraycopy(hello.encode(), 0, both, part2.encode().length, hello.encode().length);
        CommitMessage commit = new CommitMessage(initiator.h2(), random(12), HashAlgorithm.S256, CipherAlgorithm.AES1,
                AuthTagType.HS32, KeyAgreementType.DH3K, SasType.B32,
                new CommitMode.DiffieHellman(ZrtpHashChain.hash(both)), new byte[8]);
        commit = commit.withMac(ZrtpHashChain.messageMac(initiator.h1(), commit.encode()));
        CommitMessage mult = new CommitMessage(initiator.h2(), random(12), HashAlgorithm.S256, CipherAlgorithm.AES1,
                AuthTagType.HS32, KeyAgreementType.MULT, SasType.B32, new CommitMode.Multistream(random(16)),
                new byte[8]);
        CommitMessage prsh = new CommitMessage(initiator.h2(), random(12), HashAlgorithm.S384, CipherAlgorithm.AES3,
                AuthTagType.HS80, KeyAgreementType.PRSH, SasType.B256, new CommitMode.Preshared(random(16), random(8)),
                new byte[8]);

        byte[][] c1 = sealed(new ConfirmPlaintext(responder.h0(), false, false, true, false, 0xFFFF_FFFFL,
                Optional.empty()).encode());
        byte[][] c2 = sealed(new ConfirmPlaintext(initiator.h0(), false, true, false, false, 86_400,
                Optional.of(new ZrtpSignature("X509", random(64)))).encode());
        byte[][] relay = sealed(new SasRelayPlaintext(true, false, false, SasType.B32, random(32), Optional.empty())
                .encode());

        List<ZrtpMessage> all = new ArrayList<>();
        all.add(hello);
        all.add(new HelloAckMessage());
        all.add(commit);
        all.add(mult);
        all.add(prsh);
        all.add(dhPart1(KeyAgreementType.DH3K, responder));
        all.add(part2);
        all.add(dhPart1(KeyAgreementType.DH2K, responder));
        all.add(dhPart1(KeyAgreementType.EC25, responder));
        all.add(dhPart2(KeyAgreementType.EC38, initiator));
        all.add(dhPart2(KeyAgreementType.X255, initiator));
        all.add(new Confirm1Message(c1[0], c1[1], c1[2]));
        all.add(new Confirm2Message(c2[0], c2[1], c2[2]));
        all.add(new Conf2AckMessage());
        all.add(new ErrorMessage(ZrtpErrorCode.DH_BAD_PUBLIC_VALUE));
        all.add(new ErrorMessage(ZrtpErrorCode.GO_CLEAR_NOT_ALLOWED));
        all.add(new ErrorAckMessage());
        all.add(new GoClearMessage(random(8)));
        all.add(new ClearAckMessage());
        all.add(new SasRelayMessage(relay[0], relay[1], relay[2]));
        all.add(new RelayAckMessage());
        all.add(new PingMessage("1.10", random(8)));
        all.add(new PingAckMessage("1.10", random(8), random(8), 0x12345678L));
        return all;
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tshark.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        assertThat(p.exitValue()).as("tshark exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private Path capture(String name, List<byte[]> datagrams) throws IOException {
        PcapWriter w = new PcapWriter();
        int seq = 0;
        for (byte[] d : datagrams) {
            w.udp(seq++ % 2 == 0 ? PORT : PORT + 2, seq % 2 == 0 ? PORT : PORT + 2, d);
        }
        Path file = tmp.resolve(name);
        w.write(file);
        return file;
    }

    @Test
    void tsharkDissectsEveryMessageTypeWithoutComplaint() throws Exception {
        List<ZrtpMessage> messages = everyMessage();
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            packets.add(new ZrtpPacket(1000 + i, 0x5070_7070L, messages.get(i)).encode());
        }
        Path pcap = capture("zrtp.pcap", packets);
        String decodeAs = "udp.port==" + PORT + ",zrtp";

        String fields = run("-r", pcap.toString(), "-d", decodeAs, "-T", "fields", "-e", "zrtp.type", "-e",
                "zrtp.checksum.status");
        List<String> lines = fields.lines().collect(Collectors.toList());
        assertThat(lines).as(fields).hasSize(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertThat(f[0].trim()).as("frame " + (i + 1)).isEqualTo(messages.get(i).type().block().trim());
            // Wireshark's checksum status 1 = "Good".
            assertThat(f[1]).as("CRC of frame " + (i + 1)).isEqualTo("1");
        }
        List<String> named = lines.stream().map(l -> l.split("\t")[0].trim()).distinct().collect(Collectors.toList());
        assertThat(named).containsExactlyInAnyOrderElementsOf(Arrays.stream(ZrtpMessageType.values())
                .map(t -> t.block().trim()).collect(Collectors.toList()));

        String verbose = run("-r", pcap.toString(), "-d", decodeAs, "-V");
        assertThat(verbose.split("\nZRTP protocol", -1).length - 1).isEqualTo(messages.size());
        assertThat(verbose).doesNotContain("[Malformed Packet").doesNotContain("Expert Info (Error")
                .doesNotContain("Expert Info (Warn");
        // Wireshark 4.0 predates X25519 in ZRTP: it names the block but does not know it. Nothing else is unknown.
        assertThat(verbose.lines().filter(l -> l.contains("Unknown")).map(String::trim).distinct())
                .containsExactly("Key agreement[2]: Unknown key agreement X255");
        assertThat(verbose).contains("Key agreement[0]: DH mode with p=3072 bit prime")
                .contains("Error: DH Error: bad pv for initiator/responder value is (1,0,p-1)");
    }

    @Test
    void theScanSeesABadCrcAndATruncatedMessage() throws Exception {
        byte[] good = new ZrtpPacket(1, 2, new HelloAckMessage()).encode();
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 1] ^= 1;
        // A DH Commit (29 words claimed) cut after 10 words, with a CRC that matches what is there.
        byte[] commit = Arrays.copyOf(everyMessage().get(2).encode(), 40);
        byte[] cut = new byte[12 + commit.length + 4];
        System.arraycopy(good, 0, cut, 0, 12);
        System.arraycopy(commit, 0, cut, 12, commit.length);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(cut, 0, cut.length - 4);
        for (int i = 0; i < 4; i++) {
            cut[cut.length - 4 + i] = (byte) (crc.getValue() >>> (8 * i));
        }
        String verbose = run("-r", capture("bad.pcap", List.of(badCrc, cut)).toString(), "-d",
                "udp.port==" + PORT + ",zrtp", "-V");
        assertThat(verbose).contains("Expert Info (Error/Checksum)").contains("[Malformed Packet");
    }
}
