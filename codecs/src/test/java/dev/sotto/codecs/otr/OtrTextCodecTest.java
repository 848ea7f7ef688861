package dev.sotto.codecs.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Examples are those of the OTR v3 specification; byte values are hand-decoded from its base-64. */
class OtrTextCodecTest {

    /** OTR v3 "Fragmentation": the example Data Message. */
    static final String SPEC_DATA_MESSAGE = "?OTR:AAMDJ+MVmSfjFZcAAAAAAQAAAAIAAADA1g5IjD1ZGLDVQEyCgCyn9hb"
            + "rL3KAbGDdzE2ZkMyTKl7XfkSxh8YJnudstiB74i4BzT0W2haClg6dMary/jo"
            + "9sMudwmUdlnKpIGEKXWdvJKT+hQ26h9nzMgEditLB8vjPEWAJ6gBXvZrY6ZQ"
            + "rx3gb4v0UaSMOMiR5sB7Eaulb2Yc6RmRnnlxgUUC2alosg4WIeFN951PLjSc"
            + "ajVba6dqlDi+q1H5tPvI5SWMN7PCBWIJ41+WvF+5IAZzQZYgNaVLbAAAAAAA"
            + "AAAEAAAAHwNiIi5Ms+4PsY/L2ipkTtquknfx6HodLvk3RAAAAAA==.";

    static final List<String> SPEC_FRAGMENTS = List.of(
            "?OTR|5a73a599|27e31597,00001,00003,?OTR:AAMDJ+MVmSfjFZcAAAAA"
                    + "AQAAAAIAAADA1g5IjD1ZGLDVQEyCgCyn9hbrL3KAbGDdzE2ZkMyTKl7XfkSx"
                    + "h8YJnudstiB74i4BzT0W2haClg6dMary/jo9sMudwmUdlnKpIGEKXWdvJKT+"
                    + "hQ26h9nzMgEditLB8v,",
            "?OTR|5a73a599|27e31597,00002,00003,jPEWAJ6gBXvZrY6ZQrx3gb4v0"
                    + "UaSMOMiR5sB7Eaulb2Yc6RmRnnlxgUUC2alosg4WIeFN951PLjScajVba6dq"
                    + "lDi+q1H5tPvI5SWMN7PCBWIJ41+WvF+5IAZzQZYgNaVLbAAAAAAAAAAEAAAA"
                    + "HwNiIi5Ms+4PsY/L2i,",
            "?OTR|5a73a599|27e31597,00003,00003,pkTtquknfx6HodLvk3RAAAAAA"
                    + "==.,");

    private static OtrText ok(String s) {
        DecodeResult<OtrText> d = OtrTextCodec.decode(s, OtrLimits.DEFAULT);
        assertThat(d).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<OtrText>) d).value();
    }

    @Test
    void queryMessagesOfTheSpec() {
        assertThat(ok("?OTR?")).isEqualTo(new OtrText.QueryMessage(Set.of(1)));
        assertThat(ok("?OTRv2?")).isEqualTo(new OtrText.QueryMessage(Set.of(2)));
        assertThat(ok("?OTRv23?")).isEqualTo(new OtrText.QueryMessage(Set.of(2, 3)));
        assertThat(ok("?OTR?v2?")).isEqualTo(new OtrText.QueryMessage(Set.of(1, 2)));
        assertThat(ok("?OTRv24x?")).isEqualTo(new OtrText.QueryMessage(Set.of(2, 4)));
        assertThat(ok("?OTR?v24x?")).isEqualTo(new OtrText.QueryMessage(Set.of(1, 2, 4)));
        assertThat(ok("?OTR?v?")).isEqualTo(new OtrText.QueryMessage(Set.of(1)));
        assertThat(ok("?OTRv?")).isEqualTo(new OtrText.QueryMessage(Set.of()));
        assertThat(ok("Alice says ?OTRv3? and more")).isEqualTo(new OtrText.QueryMessage(Set.of(3)));
        assertThat(OtrTextCodec.query(Set.of(3, 2))).isEqualTo("?OTRv23?");
    }

    @Test
    void whitespaceTagBytesOfTheSpecAreFoundAndStripped() {
        String base = "\u0020\u0009\u0020\u0020\u0009\u0009\u0009\u0009\u0020\u0009\u0020\u0009\u0020\u0009\u0020\u0020";
        String v2 = "\u0020\u0020\u0009\u0009\u0020\u0020\u0009\u0020";
        String v3 = "\u0020\u0020\u0009\u0009\u0020\u0020\u0009\u0009";
        assertThat(ok("hello" + base + v2 + v3)).isEqualTo(new OtrText.Plaintext("hello", true, Set.of(2, 3)));
        assertThat(ok(base + v3 + "hi")).isEqualTo(new OtrText.Plaintext("hi", true, Set.of(3)));
        assertThat(ok("plain")).isEqualTo(new OtrText.Plaintext("plain", false, Set.of()));
        assertThat(OtrTextCodec.whitespaceTag(Set.of(2, 3))).isEqualTo(base + v2 + v3);
    }

    @Test
    void errorMessage() {
        assertThat(ok("?OTR Error: You sent garbage")).isEqualTo(new OtrText.ErrorMessage("You sent garbage"));
    }

    @Test
    void specDataMessageDecodesToTheHandDecodedFields() {
        DataMessage d = (DataMessage) ((OtrText.Encoded) ok(SPEC_DATA_MESSAGE)).message();
        // AAMD = 00 03 03: version 3, type 3; then J+MVmSfjFZc = 27e31599 27e31597.
        assertThat(d.version()).isEqualTo(3);
        assertThat(d.senderInstance()).isEqualTo(0x27e31599);
        assertThat(d.receiverInstance()).isEqualTo(0x27e31597);
        assertThat(d.flags()).isZero();
        assertThat(d.senderKeyId()).isEqualTo(1);
        assertThat(d.recipientKeyId()).isEqualTo(2);
        assertThat(d.nextDh().bitLength()).isLessThanOrEqualTo(1536).isGreaterThan(1528); // 0xC0 = 192-byte MPI
        assertThat(OtrTextCodec.encode(d)).isEqualTo(SPEC_DATA_MESSAGE);
    }

    @Test
    void specFragmentsParseAndConcatenateToTheSpecMessage() {
        StringBuilder all = new StringBuilder();
        for (int k = 1; k <= 3; k++) {
            OtrText.Fragment f = (OtrText.Fragment) ok(SPEC_FRAGMENTS.get(k - 1));
            assertThat(f.version()).isEqualTo(3);
            assertThat(f.senderInstance()).isEqualTo(0x5a73a599);
            assertThat(f.receiverInstance()).isEqualTo(0x27e31597);
            assertThat(f.k()).isEqualTo(k);
            assertThat(f.n()).isEqualTo(3);
            all.append(f.piece());
        }
        assertThat(all.toString()).isEqualTo(SPEC_DATA_MESSAGE);
    }

    @Test
    void fragmentingAndReassemblingAtRandomSizesGivesTheMessageBack() {
        long seed = Long.getLong("sotto.test.seed", new Random().nextLong());
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            int size = 40 + r.nextInt(300);
            int version = r.nextBoolean() ? 3 : 2;
            List<String> parts = OtrTextCodec.fragment(SPEC_DATA_MESSAGE, size, version, 0x100 + i, 0x200);
            StringBuilder all = new StringBuilder();
            for (String p : parts) {
                assertThat(p.length()).as("seed " + seed).isLessThanOrEqualTo(size);
                if (parts.size() == 1) {
                    all.append(p);
                } else {
                    OtrText.Fragment f = (OtrText.Fragment) ok(p);
                    assertThat(f.version()).isEqualTo(version);
                    all.append(f.piece());
                }
            }
            assertThat(all.toString()).as("seed " + seed).isEqualTo(SPEC_DATA_MESSAGE);
        }
    }

    @Test
    void illegalFragmentsAreMalformed() {
        for (String bad : List.of("?OTR|5a73a599|27e31597,00000,00003,abc,", "?OTR|5a73a599|27e31597,00004,00003,abc,",
                "?OTR|5a73a599|27e31597,00001,00000,abc,", "?OTR|5a73a599|27e31597,00001,00003,,",
                "?OTR|zz|27e31597,00001,00003,abc,", "?OTR|5a73a599|27e31597,1,70000,abc,",
                "?OTR|5a73a599|27e31597,00001,00003,abc", "?OTR,1,2", "?OTR|123456789|1,1,1,a,")) {
            assertThat(OtrTextCodec.decode(bad, OtrLimits.DEFAULT)).as(bad).isInstanceOf(DecodeResult.Malformed.class);
        }
        assertThat(ok("?OTR,1,2,piece,")).isEqualTo(new OtrText.Fragment(2, 0, 0, 1, 2, "piece"));
    }

    @Test
    void everyTruncationOfTheBinaryAndBadBase64AreMalformedNeverThrown() {
        byte[] bin = OtrMessageCodec.encode(((OtrText.Encoded) ok(SPEC_DATA_MESSAGE)).message());
        for (int i = 0; i < bin.length; i++) {
            byte[] prefix = java.util.Arrays.copyOf(bin, i);
            assertThat(OtrMessageCodec.decode(prefix, OtrLimits.DEFAULT)).as("prefix " + i)
                    .isInstanceOf(DecodeResult.Malformed.class);
        }
        byte[] longer = java.util.Arrays.copyOf(bin, bin.length + 1);
        assertThat(OtrMessageCodec.decode(longer, OtrLimits.DEFAULT)).isEqualTo(DecodeResult.malformed("trailing bytes", bin.length));
        for (String bad : List.of("?OTR:AAMD!.", "?OTR:AAM.", "?OTR:AAMD", "?OTR:A===.", "?OTR:AAMDJ+MV", "?OTR:.")) {
            assertThat(OtrTextCodec.decode(bad, OtrLimits.DEFAULT)).as(bad).isInstanceOf(DecodeResult.Malformed.class);
        }
    }

    @Test
    void everyMessageTypeRoundTripsForVersions2And3() {
        BigInteger gy = BigInteger.TWO.pow(1535).add(BigInteger.valueOf(12345));
        for (int v : new int[] {2, 3}) {
            int s = v == 3 ? 0x101 : 0;
            int r = v == 3 ? 0x202 : 0;
            List<EncodedMessage> all = List.of(new DhCommitMessage(v, s, r, new byte[196], new byte[32]),
                    new DhKeyMessage(v, s, r, gy), new RevealSignatureMessage(v, s, r, new byte[16], new byte[300], new byte[20]),
                    new SignatureMessage(v, s, r, new byte[300], new byte[20]),
                    new DataMessage(v, s, r, 1, 5, 6, gy, new byte[8], new byte[10], new byte[20], new byte[40]));
            for (EncodedMessage m : all) {
                String wire = OtrTextCodec.encode(m);
                EncodedMessage back = ((OtrText.Encoded) ok(wire)).message();
                assertThat(back.getClass()).isEqualTo(m.getClass());
                assertThat(back.version()).isEqualTo(v);
                assertThat(back.senderInstance()).isEqualTo(s);
                assertThat(OtrTextCodec.encode(back)).isEqualTo(wire);
            }
        }
    }

    @Test
    void nonMinimalMpiUnknownVersionAndTypeAreMalformed() {
        byte[] nonMinimal = new OtrWriter().u16(3).u8(EncodedMessage.TYPE_DH_KEY).u32(0x100).u32(0x100).u32(2)
                .u8(0).u8(5).toByteArray();
        assertThat(OtrMessageCodec.decode(nonMinimal, OtrLimits.DEFAULT)).isEqualTo(DecodeResult.malformed("MPI not minimal", 15));
        assertThat(OtrMessageCodec.decode(new byte[] {0, 4, 3}, OtrLimits.DEFAULT))
                .isEqualTo(DecodeResult.malformed("unsupported protocol version", 0));
        assertThat(OtrMessageCodec.decode(new byte[] {0, 3, 0x7f, 0, 0, 1, 0, 0, 0, 1, 0}, OtrLimits.DEFAULT))
                .isEqualTo(DecodeResult.malformed("unknown message type", 2));
        byte[] hugeData = new OtrWriter().u16(3).u8(EncodedMessage.TYPE_DH_COMMIT).u32(0x100).u32(0).u32(0x7fffffff)
                .toByteArray();
        assertThat(OtrMessageCodec.decode(hugeData, OtrLimits.DEFAULT)).isInstanceOf(DecodeResult.Malformed.class);
    }
}
