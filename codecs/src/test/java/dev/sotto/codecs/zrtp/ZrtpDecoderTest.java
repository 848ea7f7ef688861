package dev.sotto.codecs.zrtp;

import static dev.sotto.codecs.zrtp.ZrtpSamples.fill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Hand-built layouts from the figures of RFC 6189 §5, decoded and re-encoded. */
class ZrtpDecoderTest {

    private final ZrtpDecoder decoder = new ZrtpDecoder(ZrtpLimits.DEFAULT);

    static ZrtpPacket ok(DecodeResult<ZrtpPacket> r) {
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<ZrtpPacket>) r).value();
    }

    static String condition(DecodeResult<?> r) {
        assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
        return ((DecodeResult.Malformed<?>) r).condition();
    }

    private ZrtpMessage roundTrip(byte[] message) {
        byte[] packet = Layout.packet(0xBEEF, 0x01020304L, message);
        ZrtpPacket p = ok(decoder.decode(packet));
        assertThat(p.sequenceNumber()).isEqualTo(0xBEEF);
        assertThat(p.ssrc()).isEqualTo(0x01020304L);
        assertThat(p.messageBytes()).isEqualTo(message);
        assertThat(p.message().encode()).as("re-encoded message").isEqualTo(message);
        assertThat(new ZrtpPacket(0xBEEF, 0x01020304L, p.message()).encode()).as("re-encoded packet").isEqualTo(packet);
        return p.message();
    }

    @Test
    void crc32cMatchesRfc3720Vectors() {
        // RFC 3720 §B.4: 32 octets of zeros → aa 36 91 8a; of 0xff → 43 ab a8 62; 0x00..0x1f → 4e 79 dd 46.
        assertThat(ZrtpCrc.compute(new byte[32], 0, 32)).isEqualTo(0x8A9136AA);
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        assertThat(ZrtpCrc.compute(ones, 0, 32)).isEqualTo(0x62A8AB43);
        assertThat(ZrtpCrc.compute(fill(32, 0), 0, 32)).isEqualTo(0x46DD794E);
        byte[] out = new byte[4];
        ZrtpCrc.write(0x8A9136AA, out, 0);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("aa36918a");
    }

    @Test
    void helloAckPacketFieldByField() {
        // Figure 2 + Figure 4, every octet written out.
        byte[] packet = HexFormat.of().parseHex("1000" + "0001" + "5a525450" + "01020304" + "505a" + "0003"
                + "48656c6c6f41434b");
        CRC32C crc = new CRC32C();
        crc.update(packet);
        long c = crc.getValue();
        byte[] full = new Layout().bytes(packet).u8((int) c & 0xFF).u8((int) (c >>> 8) & 0xFF)
                .u8((int) (c >>> 16) & 0xFF).u8((int) (c >>> 24) & 0xFF).build();
        ZrtpPacket p = ok(decoder.decode(full));
        assertThat(p.message()).isInstanceOf(HelloAckMessage.class);
        assertThat(p.sequenceNumber()).isEqualTo(1);
        assertThat(p.ssrc()).isEqualTo(0x01020304L);
        assertThat(new ZrtpPacket(1, 0x01020304L, new HelloAckMessage()).encode()).isEqualTo(full);
    }

    @Test
    void helloFigure3() {
        byte[] m = new Layout().u16(0x505a).u16(22 + 2 + 1 + 1 + 3 + 1).ascii("Hello   ").ascii("1.10")
                .ascii("GNU ZRTP 4.x    ").bytes(fill(32, 0x30)).bytes(fill(12, 0x60))
                // |0|S|M|P| unused | hc=2 | cc=1 | ac=1 | kc=3 | sc=1 |: S and P set
                .u32(0x5000_0000L | 2 << 16 | 1 << 12 | 1 << 8 | 3 << 4 | 1)
                .ascii("S384").ascii("S256").ascii("AES3").ascii("HS80").ascii("X255").ascii("DH3k").ascii("Zz99")
                .ascii("B256").bytes(fill(8, 0xA0)).build();
        HelloMessage h = (HelloMessage) roundTrip(m);
        assertThat(h.version()).isEqualTo("1.10");
        assertThat(h.clientId()).isEqualTo("GNU ZRTP 4.x    ");
        assertThat(h.h3()).isEqualTo(fill(32, 0x30));
        assertThat(h.zid()).isEqualTo(fill(12, 0x60));
        assertThat(h.signatureCapable()).isTrue();
        assertThat(h.mitm()).isFalse();
        assertThat(h.passive()).isTrue();
        assertThat(h.hashes()).containsExactly(HashAlgorithm.S384, HashAlgorithm.S256);
        assertThat(h.ciphers()).containsExactly(CipherAlgorithm.AES3);
        assertThat(h.authTags()).containsExactly(AuthTagType.HS80);
        assertThat(h.keyAgreements()).containsExactly(KeyAgreementType.X255, KeyAgreementType.DH3K,
                new KeyAgreementType("Zz99"));
        assertThat(h.keyAgreements().get(2).isKnown()).isFalse();
        assertThat(h.sasTypes()).containsExactly(SasType.B256);
        assertThat(h.mac()).isEqualTo(fill(8, 0xA0));
    }

    @Test
    void helloIgnoresUnusedBitsOnReceipt() {
        byte[] m = new Layout().u16(0x505a).u16(22).ascii("Hello   ").ascii("1.10").ascii("0123456789abcdef")
                .bytes(fill(32, 0)).bytes(fill(12, 0)).u32(0x8FF0_0000L).bytes(fill(8, 0)).build();
        ZrtpPacket p = ok(decoder.decode(Layout.packet(1, 2, m)));
        HelloMessage h = (HelloMessage) p.message();
        assertThat(h.signatureCapable() || h.mitm() || h.passive()).isFalse();
        assertThat(h.hashes()).isEmpty();
    }

    @Test
    void helloCountAboveSevenIsMalformed() {
        byte[] m = new Layout().u16(0x505a).u16(30).ascii("Hello   ").ascii("1.10").ascii("0123456789abcdef")
                .bytes(fill(32, 0)).bytes(fill(12, 0)).u32(8 << 16).bytes(new byte[32]).bytes(fill(8, 0)).build();
        assertThat(condition(decoder.decode(Layout.packet(1, 2, m)))).isEqualTo("too-many-algorithms");
    }

    @Test
    void commitFigures5To7() {
        byte[] dh = new Layout().u16(0x505a).u16(29).ascii("Commit  ").bytes(fill(32, 1)).bytes(fill(12, 0x60))
                .ascii("S256").ascii("AES1").ascii("HS32").ascii("DH3k").ascii("B32 ").bytes(fill(32, 0x80))
                .bytes(fill(8, 0xB0)).build();
        CommitMessage c = (CommitMessage) roundTrip(dh);
        assertThat(c.keyAgreement()).isEqualTo(KeyAgreementType.DH3K);
        assertThat(c.sasType()).isEqualTo(SasType.B32);
        assertThat(((CommitMode.DiffieHellman) c.mode()).hvi()).isEqualTo(fill(32, 0x80));
        assertThat(c.encode()).isEqualTo(ZrtpSamples.commitDh().encode());

        byte[] mult = new Layout().u16(0x505a).u16(25).ascii("Commit  ").bytes(fill(32, 1)).bytes(fill(12, 0x60))
                .ascii("S256").ascii("AES1").ascii("HS32").ascii("Mult").ascii("B32 ").bytes(fill(16, 0x90))
                .bytes(fill(8, 0xB0)).build();
        CommitMessage cm = (CommitMessage) roundTrip(mult);
        assertThat(((CommitMode.Multistream) cm.mode()).nonce()).isEqualTo(fill(16, 0x90));
        assertThat(cm.encode()).isEqualTo(ZrtpSamples.commitMult().encode());

        byte[] prsh = new Layout().u16(0x505a).u16(27).ascii("Commit  ").bytes(fill(32, 1)).bytes(fill(12, 0x60))
                .ascii("S384").ascii("AES3").ascii("HS80").ascii("Prsh").ascii("B256").bytes(fill(16, 0x90))
                .bytes(fill(8, 0xC0)).bytes(fill(8, 0xB0)).build();
        CommitMessage cp = (CommitMessage) roundTrip(prsh);
        assertThat(((CommitMode.Preshared) cp.mode()).keyId()).isEqualTo(fill(8, 0xC0));
        assertThat(cp.encode()).isEqualTo(ZrtpSamples.commitPrsh().encode());
    }

    @Test
    void commitLengthMustMatchItsForm() {
        // A "Mult" Commit with the 29-word DH length.
        byte[] bad = new Layout().u16(0x505a).u16(29).ascii("Commit  ").bytes(fill(32, 1)).bytes(fill(12, 0x60))
                .ascii("S256").ascii("AES1").ascii("HS32").ascii("Mult").ascii("B32 ").bytes(fill(32, 0x80))
                .bytes(fill(8, 0xB0)).build();
        assertThat(condition(decoder.decode(Layout.packet(1, 2, bad)))).isEqualTo("bad-length-for-type");
    }

    @Test
    void dhPartLengthsOfTable5() {
        // Table 5: DH3k 117 words, DH2k 85, EC25 37, EC38 45; X25519: 21 + 8.
        for (KeyAgreementType ka : List.of(KeyAgreementType.DH3K, KeyAgreementType.DH2K, KeyAgreementType.EC25,
                KeyAgreementType.EC38, KeyAgreementType.X255, KeyAgreementType.E255)) {
            int pv = ka.publicValueLength();
            for (String type : List.of("DHPart1 ", "DHPart2 ")) {
                byte[] m = new Layout().u16(0x505a).u16(21 + pv / 4).ascii(type).bytes(fill(32, 2)).bytes(fill(8, 3))
                        .bytes(fill(8, 4)).bytes(fill(8, 5)).bytes(fill(8, 6)).bytes(fill(pv, 7)).bytes(fill(8, 8))
                        .build();
                ZrtpMessage msg = roundTrip(m);
                byte[] got = msg instanceof DhPart1Message d1 ? d1.publicValue() : ((DhPart2Message) msg).publicValue();
                assertThat(got).isEqualTo(fill(pv, 7));
            }
        }
        assertThat(4 * 117).isEqualTo(12 + 32 + 32 + KeyAgreementType.DH3K.publicValueLength() + 8);
        assertThat(4 * 85).isEqualTo(12 + 32 + 32 + KeyAgreementType.DH2K.publicValueLength() + 8);
        assertThat(4 * 37).isEqualTo(12 + 32 + 32 + KeyAgreementType.EC25.publicValueLength() + 8);
        assertThat(4 * 45).isEqualTo(12 + 32 + 32 + KeyAgreementType.EC38.publicValueLength() + 8);
        assertThat(KeyAgreementType.MULT.isDiffieHellman()).isFalse();
    }

    @Test
    void dhPartWithoutPublicValueIsMalformed() {
        byte[] m = new Layout().u16(0x505a).u16(21).ascii("DHPart1 ").bytes(new byte[72]).build();
        assertThat(condition(decoder.decode(Layout.packet(1, 2, m)))).isEqualTo("bad-public-value-length");
    }

    @Test
    void confirmFigure10AndPlaintextFields() {
        byte[] m = new Layout().u16(0x505a).u16(19).ascii("Confirm1").bytes(fill(8, 9)).bytes(fill(16, 10))
                .bytes(fill(40, 11)).build();
        Confirm1Message c = (Confirm1Message) roundTrip(m);
        assertThat(c.confirmMac()).isEqualTo(fill(8, 9));
        assertThat(c.cfbIv()).isEqualTo(fill(16, 10));
        assertThat(c.encrypted()).isEqualTo(fill(40, 11));

        // | unused 15 | sig len 9 | 0000 E V A D |: V and D set, no signature; cache interval 0xFFFFFFFF.
        byte[] plain = new Layout().bytes(fill(32, 0x40)).u32(0x0000_0005L).u32(0xFFFF_FFFFL).build();
        ConfirmPlaintext p = ((DecodeResult.Ok<ConfirmPlaintext>) ConfirmPlaintext.decode(plain, ZrtpLimits.DEFAULT))
                .value();
        assertThat(p.h0()).isEqualTo(fill(32, 0x40));
        assertThat(p.pbxEnrollment()).isFalse();
        assertThat(p.sasVerified()).isTrue();
        assertThat(p.allowClear()).isFalse();
        assertThat(p.disclosure()).isTrue();
        assertThat(p.cacheExpirationInterval()).isEqualTo(0xFFFF_FFFFL);
        assertThat(p.signature()).isEmpty();
        assertThat(p.encode()).isEqualTo(plain);
        assertThat(p.toString()).doesNotContain("64, 65");

        // sig len 3 words = type block + 2 words; E and A set.
        byte[] signed = new Layout().bytes(fill(32, 0x40)).u32(3 << 8 | 0x0A).u32(3600).ascii("X509")
                .bytes(fill(8, 0x70)).build();
        ConfirmPlaintext s = ((DecodeResult.Ok<ConfirmPlaintext>) ConfirmPlaintext.decode(signed, ZrtpLimits.DEFAULT))
                .value();
        assertThat(s.pbxEnrollment()).isTrue();
        assertThat(s.allowClear()).isTrue();
        assertThat(s.sasVerified()).isFalse();
        assertThat(s.signature().orElseThrow().signatureType()).isEqualTo("X509");
        assertThat(s.signature().orElseThrow().block()).isEqualTo(fill(8, 0x70));
        assertThat(s.encode()).isEqualTo(signed);

        // A sig len that disagrees with the region.
        byte[] wrong = new Layout().bytes(fill(32, 0x40)).u32(2 << 8).u32(0).build();
        assertThat(condition(ConfirmPlaintext.decode(wrong, ZrtpLimits.DEFAULT))).isEqualTo("bad-signature-length");
        assertThat(condition(ConfirmPlaintext.decode(new byte[39], ZrtpLimits.DEFAULT))).isEqualTo("confirm-too-short");
    }

    @Test
    void shortMessagesFigures11To19() {
        assertThat(roundTrip(new Layout().u16(0x505a).u16(3).ascii("Conf2ACK").build()))
                .isInstanceOf(Conf2AckMessage.class);
        assertThat(roundTrip(new Layout().u16(0x505a).u16(3).ascii("ErrorACK").build()))
                .isInstanceOf(ErrorAckMessage.class);
        assertThat(roundTrip(new Layout().u16(0x505a).u16(3).ascii("ClearACK").build()))
                .isInstanceOf(ClearAckMessage.class);
        assertThat(roundTrip(new Layout().u16(0x505a).u16(3).ascii("RelayACK").build()))
                .isInstanceOf(RelayAckMessage.class);
        ErrorMessage e = (ErrorMessage) roundTrip(new Layout().u16(0x505a).u16(4).ascii("Error   ").u32(0x61).build());
        assertThat(e.known()).contains(ZrtpErrorCode.DH_BAD_PUBLIC_VALUE);
        ErrorMessage unknown = (ErrorMessage) roundTrip(
                new Layout().u16(0x505a).u16(4).ascii("Error   ").u32(0xFFFF_0001L).build());
        assertThat(unknown.code()).isEqualTo(0xFFFF_0001L);
        assertThat(unknown.known()).isEmpty();
        assertThat(ZrtpErrorCode.GO_CLEAR_NOT_ALLOWED.code()).isEqualTo(0x100);
        GoClearMessage g = (GoClearMessage) roundTrip(
                new Layout().u16(0x505a).u16(5).ascii("GoClear ").bytes(fill(8, 15)).build());
        assertThat(g.clearMac()).isEqualTo(fill(8, 15));
        PingMessage ping = (PingMessage) roundTrip(
                new Layout().u16(0x505a).u16(6).ascii("Ping    ").ascii("1.10").bytes(fill(8, 16)).build());
        assertThat(ping.endpointHash()).isEqualTo(fill(8, 16));
        PingAckMessage ack = (PingAckMessage) roundTrip(new Layout().u16(0x505a).u16(9).ascii("PingACK ").ascii("1.10")
                .bytes(fill(8, 17)).bytes(fill(8, 18)).u32(0xDEADBEEFL).build());
        assertThat(ack.receivedSsrc()).isEqualTo(0xDEADBEEFL);
        assertThat(ack.receivedEndpointHash()).isEqualTo(fill(8, 18));
        SasRelayMessage relay = (SasRelayMessage) roundTrip(new Layout().u16(0x505a).u16(19).ascii("SASrelay")
                .bytes(fill(8, 12)).bytes(fill(16, 13)).bytes(fill(40, 14)).build());
        assertThat(relay.encrypted()).isEqualTo(fill(40, 14));
    }

    @Test
    void sasRelayPlaintextFigure16() {
        byte[] plain = new Layout().u32(0x07).ascii("B32 ").bytes(fill(32, 0x20)).build();
        SasRelayPlaintext p = ((DecodeResult.Ok<SasRelayPlaintext>) SasRelayPlaintext.decode(plain,
                ZrtpLimits.DEFAULT)).value();
        assertThat(p.sasVerified() && p.allowClear() && p.disclosure()).isTrue();
        assertThat(p.renderingScheme()).isEqualTo(SasType.B32);
        assertThat(p.sashash()).isEqualTo(fill(32, 0x20));
        assertThat(p.encode()).isEqualTo(plain);
    }

    @Test
    void everyFixedLengthTypeRejectsAnotherLength() {
        for (String type : List.of("HelloACK", "Conf2ACK", "ErrorACK", "ClearACK", "RelayACK", "Error   ", "GoClear ",
                "Ping    ", "PingACK ", "Confirm1", "Confirm2", "SASrelay", "Hello   ", "Commit  ")) {
            byte[] m = new Layout().u16(0x505a).u16(10).ascii(type).bytes(new byte[28]).build();
            assertThat(condition(decoder.decode(Layout.packet(1, 2, m)))).as(type).isEqualTo("bad-length-for-type");
        }
    }

    @Test
    void headerAndFramingErrors() {
        byte[] good = ZrtpSamples.packet(new HelloAckMessage());
        assertThat(condition(decoder.decode(new byte[27]))).isEqualTo("too-short");

        byte[] notZrtp = good.clone();
        notZrtp[0] = (byte) 0x80;
        assertThat(condition(decoder.decode(notZrtp))).isEqualTo("not-zrtp");

        byte[] cookie = good.clone();
        cookie[5] = 'X';
        assertThat(condition(decoder.decode(cookie))).isEqualTo("bad-magic-cookie");

        byte[] crc = good.clone();
        crc[crc.length - 1] ^= 1;
        assertThat(condition(decoder.decode(crc))).isEqualTo("bad-crc");
        assertThat(ZrtpCondition.of("bad-crc").orElseThrow().errorCode()).isEmpty();

        byte[] preamble = Layout.packet(1, 2, new Layout().u16(0x505b).u16(3).ascii("HelloACK").build());
        assertThat(condition(decoder.decode(preamble))).isEqualTo("bad-preamble");
        assertThat(ZrtpCondition.of("bad-preamble").orElseThrow().errorCode())
                .contains(ZrtpErrorCode.MALFORMED_PACKET);

        byte[] length = Layout.packet(1, 2, new Layout().u16(0x505a).u16(4).ascii("HelloACK").build());
        assertThat(condition(decoder.decode(length))).isEqualTo("bad-message-length");

        byte[] type = Layout.packet(1, 2, new Layout().u16(0x505a).u16(3).ascii("HelloAck").build());
        assertThat(condition(decoder.decode(type))).isEqualTo("unknown-message-type");

        byte[] ragged = Layout.packet(1, 2, new Layout().u16(0x505a).u16(3).ascii("HelloACK").u8(0).build());
        assertThat(condition(decoder.decode(ragged))).isEqualTo("bad-message-length");
    }

    @Test
    void unusedHeaderBitsAreIgnored() {
        byte[] m = new HelloAckMessage().encode();
        byte[] body = new Layout().u8(0x1F).u8(0xFF).u16(7).u32(0x5a525450L).u32(9).bytes(m).build();
        CRC32C c = new CRC32C();
        c.update(body);
        long crc = c.getValue();
        byte[] p = new Layout().bytes(body).u8((int) crc & 0xFF).u8((int) (crc >>> 8) & 0xFF)
                .u8((int) (crc >>> 16) & 0xFF).u8((int) (crc >>> 24) & 0xFF).build();
        assertThat(ok(decoder.decode(p)).sequenceNumber()).isEqualTo(7);
    }

    @Test
    void oversizeIsRejectedBeforeParsing() {
        byte[] big = new byte[ZrtpLimits.DEFAULT.maxPacketLength() + 1];
        assertThat(condition(decoder.decode(big))).isEqualTo("packet-too-long");
        ZrtpDecoder tight = new ZrtpDecoder(new ZrtpLimits(200, 64, 0));
        assertThat(condition(tight.decode(ZrtpSamples.packet(ZrtpSamples.dhPart1())))).isEqualTo("packet-too-long");
        ZrtpDecoder smallPv = new ZrtpDecoder(new ZrtpLimits(2136, 64, 0));
        assertThat(condition(smallPv.decode(ZrtpSamples.packet(ZrtpSamples.dhPart1()))))
                .isEqualTo("bad-public-value-length");
        assertThat(condition(smallPv.decode(ZrtpSamples.packet(ZrtpSamples.confirm2()))))
                .isEqualTo("bad-length-for-type");
    }

    @Test
    void decodedRecordsCannotBeChangedThroughTheirArrays() {
        HelloMessage h = ZrtpSamples.hello();
        h.h3()[0] ^= 1;
        assertThat(h.h3()).isEqualTo(fill(32, 0x30));
        byte[] zid = fill(12, 0);
        HelloMessage built = h.withMac(fill(8, 0));
        assertThat(built.mac()).isEqualTo(fill(8, 0));
        zid[0] = 1;
        assertThat(ZrtpSamples.hello().zid()).isEqualTo(fill(12, 0x60));
    }

    @Test
    void messagesDecodeAloneAsInsideAPacket() {
        for (ZrtpMessage m : ZrtpSamples.all()) {
            DecodeResult<ZrtpMessage> d = decoder.decodeMessage(m.encode());
            assertThat(d).as(m.type().name()).isInstanceOf(DecodeResult.Ok.class);
            assertThat(((DecodeResult.Ok<ZrtpMessage>) d).value().encode()).isEqualTo(m.encode());
        }
        assertThat(condition(decoder.decodeMessage(new byte[8]))).isEqualTo("bad-message-length");
        assertThat(condition(decoder.decodeMessage(new byte[ZrtpLimits.DEFAULT.maxPacketLength()])))
                .isEqualTo("packet-too-long");
    }
}
