package dev.sotto.codecs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing failures and keep-alives on the stream decoder (RFC 3261 §18.3, RFC 4475 §3.1.2.3, RFC 5626 §3.5.1). */
class SipStreamDecoderTest {

    private static List<Object> feed(EmbeddedChannel ch, String s) {
        ch.writeInbound(Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8)));
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    @Test
    void keepAlivesProduceNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder());
        assertThat(feed(ch, "\r\n\r\n")).isEmpty();
        assertThat(feed(ch, "\r\n")).isEmpty();
        assertThat(((SipStreamDecoder) ch.pipeline().first()).failed()).isFalse();
        assertThat(feed(ch, SipParserTest.INVITE)).hasSize(1);
    }

    @Test
    void negativeContentLengthIsFatalForTheStream() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder());
        List<Object> out = feed(ch, SipParserTest.INVITE.replace("Content-Length: 4", "Content-Length: -4"));
        assertThat(out).hasSize(1);
        assertThat(((DecodeResult.Malformed<?>) out.get(0)).condition())
                .isEqualTo("bad-content-length:Content-Length");
        assertThat(((SipStreamDecoder) ch.pipeline().first()).failed()).isTrue();
        assertThat(feed(ch, SipParserTest.INVITE)).isEmpty(); // no resync after a framing error
    }

    @Test
    void anEndlessHeadIsCutAtTheLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(new SipLimits(1024, 64, 512)));
        List<Object> out = new ArrayList<>();
        out.addAll(feed(ch, "INVITE sip:a@b.example.com SIP/2.0\r\n"));
        for (int i = 0; i < 100 && out.isEmpty(); i++) {
            out.addAll(feed(ch, "X-Filler: 0123456789\r\n"));
        }
        assertThat(out).hasSize(1);
        assertThat(((DecodeResult.Malformed<?>) out.get(0)).condition()).isEqualTo("message-too-large");
    }

    @Test
    void aHugeContentLengthIsRefusedBeforeBuffering() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder());
        List<Object> out = feed(ch, SipParserTest.INVITE.replace("Content-Length: 4", "Content-Length: 99999999"));
        assertThat(((DecodeResult.Malformed<?>) out.get(0)).condition()).isEqualTo("message-too-large");
    }
}
