package dev.sotto.codecs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round-trip properties over generated values (seeded; the seed is printed in every failure message and
 * -Dsotto.test.seed= replays it): URIs and header values encode to text that parses back to the same value;
 * whole messages serialize and parse back to the same model, as one datagram and through the stream decoder
 * at random splits.
 */
class SipRoundTripTest {

    private static final long SEED = Long.getLong("sotto.test.seed", System.nanoTime());
    private static final int ROUNDS = 400;

    @Test
    void urisRoundTrip() {
        Random rnd = new Random(SEED);
        SipGen gen = new SipGen(rnd);
        for (int i = 0; i < ROUNDS; i++) {
            SipUri u = gen.sipUri();
            DecodeResult<Uri> r = Uri.parse(u.encode());
            assertThat(r).as("seed %d round %d", SEED, i).isInstanceOf(DecodeResult.Ok.class);
            SipUri back = (SipUri) ((DecodeResult.Ok<Uri>) r).value();
            assertThat(back).as("seed %d round %d", SEED, i).isEqualTo(u);
            assertThat(back.equivalentTo(u)).isTrue();
        }
    }

    @Test
    void headerValuesRoundTrip() {
        Random rnd = new Random(SEED + 1);
        SipGen gen = new SipGen(rnd);
        for (int i = 0; i < ROUNDS; i++) {
            NameAddress na = gen.nameAddress(true);
            ParseContext ctx = new ParseContext();
            String s = na.encode();
            assertThat(HeaderParser.nameAddress(s, 0, s.length(), false, ctx)).as("seed %d round %d", SEED, i)
                    .isEqualTo(na);
            Via v = gen.via();
            String vs = v.encode();
            assertThat(HeaderParser.via(vs, 0, vs.length(), ctx)).as("seed %d round %d", SEED, i).isEqualTo(v);
        }
    }

    @Test
    void messagesRoundTripAsDatagramsAndStreams() {
        Random rnd = new Random(SEED + 2);
        SipGen gen = new SipGen(rnd);
        for (int i = 0; i < ROUNDS; i++) {
            SipMessage m = gen.message();
            byte[] bytes = SipSerializer.encode(m);
            DecodeResult<SipMessage> r = SipParser.defaults().parseDatagram(bytes);
            assertThat(r).as("seed %d round %d: %s", SEED, i, r).isInstanceOf(DecodeResult.Ok.class);
            SipMessage back = ((DecodeResult.Ok<SipMessage>) r).value();
            assertThat(back).as("seed %d round %d", SEED, i).isEqualTo(m);
            assertThat(back.headers().via()).isEqualTo(m.headers().via());
            assertThat(back.headers().from()).isEqualTo(m.headers().from());
            assertThat(back.headers().contacts()).isEqualTo(m.headers().contacts());

            EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder());
            byte[] twice = new byte[bytes.length * 2];
            System.arraycopy(bytes, 0, twice, 0, bytes.length);
            System.arraycopy(bytes, 0, twice, bytes.length, bytes.length);
            int at = 0;
            while (at < twice.length) {
                int n = Math.min(twice.length - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 200));
                ch.writeInbound(Unpooled.wrappedBuffer(twice, at, n));
                at += n;
            }
            List<Object> out = new ArrayList<>();
            Object o;
            while ((o = ch.readInbound()) != null) {
                out.add(o);
            }
            assertThat(out).as("seed %d round %d", SEED, i).containsExactly(DecodeResult.ok(m, bytes.length),
                    DecodeResult.ok(m, bytes.length));
            ch.finishAndReleaseAll();
        }
    }
}
