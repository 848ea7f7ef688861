package dev.sotto.codecs.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Netty adapter: events out of heap and direct buffers in any split; a refusal travels as data. */
class XmppFrameDecoderTest {
    private static final byte[] STREAM = (XmppStreamDecoderTest.HEADER
            + "<message><body>héllo 😀</body></message><presence/></stream:stream>").getBytes(StandardCharsets.UTF_8);

    private static List<Object> run(EmbeddedChannel ch, byte[] in, int chunk, boolean direct) {
        for (int at = 0; at < in.length; at += chunk) {
            int n = Math.min(chunk, in.length - at);
            ByteBuf b = direct ? Unpooled.directBuffer(n) : Unpooled.buffer(n);
            b.writeBytes(in, at, n);
            ch.writeInbound(b);
        }
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    @Test
    void sameEventsForHeapAndDirectBuffersWholeAndByteAtATime() {
        List<Object> reference = run(new EmbeddedChannel(new XmppFrameDecoder()), STREAM, STREAM.length, false);
        assertThat(reference).hasSize(4);
        assertThat(reference.get(0)).isInstanceOf(StreamOpen.class);
        assertThat(((StreamElement) reference.get(1)).element().child("body").text()).isEqualTo("héllo 😀");
        assertThat(reference.get(3)).isEqualTo(new StreamClose());
        for (int chunk : new int[] {1, 3, 7, 64}) {
            assertThat(run(new EmbeddedChannel(new XmppFrameDecoder()), STREAM, chunk, false)).isEqualTo(reference);
            assertThat(run(new EmbeddedChannel(new XmppFrameDecoder()), STREAM, chunk, true)).isEqualTo(reference);
        }
    }

    @Test
    void refusalIsOneMalformedMessageAndLaterInputIsDiscarded() {
        EmbeddedChannel ch = new EmbeddedChannel(new XmppFrameDecoder());
        byte[] bad = (XmppStreamDecoderTest.HEADER + "<message><!-- x --></message>").getBytes(StandardCharsets.UTF_8);
        List<Object> out = run(ch, bad, 5, false);
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(((DecodeResult.Malformed<?>) out.get(1)).condition()).isEqualTo("restricted-xml");
        assertThat(run(ch, "<presence/>".getBytes(StandardCharsets.UTF_8), 4, false)).isEmpty();
    }

    @Test
    void resetAcceptsANewStreamHeaderAfterStarttls() {
        XmppFrameDecoder d = new XmppFrameDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(d);
        byte[] header = XmppStreamDecoderTest.HEADER.getBytes(StandardCharsets.UTF_8);
        assertThat(run(ch, header, header.length, false)).hasSize(1);
        d.reset();
        assertThat(run(ch, header, 9, true)).hasSize(1).allMatch(StreamOpen.class::isInstance);
    }
}
