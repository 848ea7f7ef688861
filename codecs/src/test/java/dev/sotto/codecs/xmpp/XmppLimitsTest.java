package dev.sotto.codecs.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.xml.XmlLimits;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The limits of {@link XmlLimits#DEFAULTS} (issue 4: stanza 256 KiB, depth 64, 64 attributes, names 1 KiB):
 * at the limit accepted, one over refused with {@code policy-violation} (RFC 6120 §4.9.3.14); hostile sizes are
 * refused at the limit with allocation bounded by it, not by the input.
 */
class XmppLimitsTest {
    private static final String H = XmppStreamDecoderTest.HEADER;
    private static final int HEADER_BYTES = H.getBytes(StandardCharsets.UTF_8).length;

    private static Feeding.Outcome decode(String s) {
        return Feeding.decode(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String stanzaOfSize(int total) {
        String open = "<message><body>";
        String close = "</body></message>";
        return open + "x".repeat(total - open.length() - close.length()) + close;
    }

    @Test
    void stanzaOfExactly256KiBIsAcceptedAndOneByteMoreIsRefusedAtThatByte() {
        Feeding.Outcome ok = decode(H + stanzaOfSize(256 * 1024));
        assertThat(ok.refused()).isFalse();
        assertThat(ok.events()).hasSize(2);
        Feeding.Outcome over = decode(H + stanzaOfSize(256 * 1024 + 1));
        assertThat(over.condition()).isEqualTo("policy-violation");
        assertThat(over.offset()).isEqualTo(HEADER_BYTES + 256 * 1024);
    }

    @Test
    void whitespaceBetweenStanzasDoesNotCountTowardsTheStanzaLimit() {
        Feeding.Outcome ok = decode(H + " ".repeat(300_000) + "<presence/>");
        assertThat(ok.refused()).isFalse();
        assertThat(ok.events()).hasSize(2);
    }

    @Test
    void depth64IsAcceptedAnd65IsRefused() {
        assertThat(decode(H + "<a>".repeat(64) + "</a>".repeat(64)).refused()).isFalse();
        Feeding.Outcome over = decode(H + "<a>".repeat(65));
        assertThat(over.condition()).isEqualTo("policy-violation");
        assertThat(over.offset()).isEqualTo(HEADER_BYTES + 64 * 3 + 1);
    }

    @Test
    void sixtyFourAttributesAreAcceptedAnd65AreRefused() {
        StringBuilder a = new StringBuilder();
        for (int k = 0; k < 65; k++) {
            a.append(" a").append(k).append("='v'");
        }
        String all = a.toString();
        String sixtyFour = all.substring(0, all.indexOf(" a64="));
        assertThat(decode(H + "<message" + sixtyFour + "/>").refused()).isFalse();
        assertThat(decode(H + "<message" + all + "/>").condition()).isEqualTo("policy-violation");
    }

    @Test
    void namesOf1KiBAreAcceptedAndLongerAreRefused() {
        String name = "n".repeat(1024);
        assertThat(decode(H + "<" + name + "/>").refused()).isFalse();
        assertThat(decode(H + "<" + name + "n/>").condition()).isEqualTo("policy-violation");
        assertThat(decode(H + "<message " + name + "n='1'/>").condition()).isEqualTo("policy-violation");
        assertThat(decode(H + "<message><body>&" + name + "n;</body></message>").condition())
                .isEqualTo("policy-violation");
    }

    @Test
    void tenMebibyteAttributeValueIsRefusedAtTheStanzaLimitWithBoundedAllocation() {
        byte[] prefix = (H + "<message to='").getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        XmppStreamDecoder d = new XmppStreamDecoder();
        DecodeResult<StreamEvent> open = d.decode(prefix, 0, prefix.length);
        int used = ((DecodeResult.Ok<StreamEvent>) open).consumed();
        assertThat(d.decode(prefix, used, prefix.length - used)).isInstanceOf(DecodeResult.NeedMore.class);
        long before = allocatedBytes();
        DecodeResult<StreamEvent> last = null;
        int calls = 0;
        for (int sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) {
            last = d.decode(chunk, 0, chunk.length);
            calls++;
        }
        long allocated = allocatedBytes() - before;
        assertThat(last).isInstanceOf(DecodeResult.Malformed.class);
        DecodeResult.Malformed<StreamEvent> m = (DecodeResult.Malformed<StreamEvent>) last;
        assertThat(m.condition()).isEqualTo("policy-violation");
        assertThat(m.offset()).isEqualTo(HEADER_BYTES + 256 * 1024);
        assertThat(calls).isEqualTo(160);
        // Buffers grow by doubling up to the 256 KiB bound: well under 2 MiB whatever the input size.
        assertThat(allocated).as("bytes allocated while refusing 10 MiB").isLessThan(2L * 1024 * 1024);
    }

    @Test
    void millionDeepNestingIsRefusedAtDepth65WithBoundedAllocation() {
        byte[] deep = (H + "<a>".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8);
        XmppStreamDecoder d = new XmppStreamDecoder();
        long before = allocatedBytes();
        DecodeResult<StreamEvent> r = d.decode(deep, 0, deep.length);
        r = r instanceof DecodeResult.Ok<StreamEvent> ok ? d.decode(deep, ok.consumed(), deep.length - ok.consumed()) : r;
        long allocated = allocatedBytes() - before;
        assertThat(r).isEqualTo(DecodeResult.malformed("policy-violation", HEADER_BYTES + 64 * 3 + 1));
        assertThat(allocated).as("bytes allocated while refusing 1,000,000-deep nesting").isLessThan(1024L * 1024);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
