package dev.sotto.engine.zrtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.zrtp.ClearAckMessage;
import dev.sotto.codecs.zrtp.ErrorMessage;
import dev.sotto.codecs.zrtp.GoClearMessage;
import dev.sotto.codecs.zrtp.HelloMessage;
import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.codecs.zrtp.RelayAckMessage;
import dev.sotto.codecs.zrtp.SasRelayMessage;
import dev.sotto.codecs.zrtp.SasRelayPlaintext;
import dev.sotto.codecs.zrtp.SasType;
import dev.sotto.codecs.zrtp.ZrtpDecoder;
import dev.sotto.codecs.zrtp.ZrtpLimits;
import dev.sotto.codecs.zrtp.ZrtpMessage;
import dev.sotto.codecs.zrtp.ZrtpPacket;
import dev.sotto.engine.event.ZrtpError;
import dev.sotto.engine.event.ZrtpSasChanged;
import dev.sotto.engine.event.ZrtpSecurityNotice;
import dev.sotto.engine.sansio.Input;
import dev.sotto.engine.sansio.Output;
import dev.sotto.engine.sansio.Outputs;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GoClear, ClearACK, SASrelay and RelayACK at an endpoint that never allows clear media and is no PBX (RFC 6189
 * §4.7.2, §5.11-§5.14, §7.3). After a real handshake, the peer's authenticated messages are forged with the copy of
 * its mackey and zrtpkey the receiving side holds; one rule per test.
 */
class ZrtpGoClearAndSasRelayTest {

    private static final ZrtpConfig X255 = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.X255));
    private static final long SEED = 500;
    private static final byte[] GO_CLEAR = "GoClear ".getBytes(StandardCharsets.US_ASCII);

    /** b commits (initiator), a answers; {@code mitmHello}: b's Hello claims the MiTM flag, as a PBX's does. */
    private static ZrtpLink secure(boolean mitmHello) {
        ZrtpEndpoint a = ZrtpEndpoint.create(X255.withPassive(true), InMemoryZidCache.withRandomZid(ZrtpEndpointTest.seeded(1)),
                0x1111, ZrtpEndpointTest.seeded(SEED), ZrtpEndpointTest.CLOCK);
        ZrtpEndpoint b = ZrtpEndpoint.create(X255, InMemoryZidCache.withRandomZid(ZrtpEndpointTest.seeded(2)), 0x2222,
                ZrtpEndpointTest.seeded(SEED + 1), ZrtpEndpointTest.CLOCK);
        ZrtpLink l = new ZrtpLink(a, b);
        if (mitmHello) {
            // b's hash chain comes first from its seeded random: re-deriving it gives H2, the Hello's MAC key (§9).
            // b is the initiator, so its own Hello is in neither hvi nor total_hash (§4.4.1.1, §4.4.1.4).
            byte[] h2 = ZrtpHashChain.generate(ZrtpEndpointTest.seeded(SEED + 1)).h2();
            l.tamperBtoA = bytes -> {
                ZrtpPacket p = ((DecodeResult.Ok<ZrtpPacket>) new ZrtpDecoder(ZrtpLimits.DEFAULT).decode(bytes)).value();
                if (!(p.message() instanceof HelloMessage h)) {
                    return bytes;
                }
                HelloMessage m = new HelloMessage(h.version(), h.clientId(), h.h3(), h.zid(), h.signatureCapable(), true,
                        h.passive(), h.hashes(), h.ciphers(), h.authTags(), h.keyAgreements(), h.sasTypes(), new byte[8]);
                m = m.withMac(ZrtpHashChain.messageMac(h2, m.encode()));
                return new ZrtpPacket(p.sequenceNumber(), p.ssrc(), m).encode();
            };
        }
        l.start();
        l.run(5_000_000_000L);
        ZrtpEndpointTest.assertSecurePair(l, "X255");
        assertThat(l.a.endpoint.role()).contains(ZrtpRole.RESPONDER);
        return l;
    }

    private static byte[] packet(ZrtpMessage m) {
        return new ZrtpPacket(77, 0x2222, m).encode();
    }

    /** The peer's (b's) GoClear as a would check it: clear_mac = MAC(mackeyi, "GoClear "), b being the initiator. */
    private static GoClearMessage goClearFromB(ZrtpLink l) {
        DerivedKeys k = l.a.endpoint.secureKeys().orElseThrow();
        return new GoClearMessage(ZrtpCrypto.mac64(k.negotiated().hash(), k.peerMacKey(), GO_CLEAR));
    }

    private static SasRelayMessage sasRelayFromB(ZrtpLink l, SasType scheme, byte[] sashash) {
        DerivedKeys k = l.a.endpoint.secureKeys().orElseThrow();
        byte[] plain = new SasRelayPlaintext(false, false, false, scheme, sashash, Optional.empty()).encode();
        byte[] iv = new byte[16];
        Arrays.fill(iv, (byte) 0x3c);
        byte[] encrypted = ZrtpCrypto.confirmCipher(true, k.peerZrtpKey(), iv, plain);
        return new SasRelayMessage(ZrtpCrypto.mac64(k.negotiated().hash(), k.peerMacKey(), encrypted), iv, encrypted);
    }

    private static Outputs deliverToA(ZrtpLink l, ZrtpMessage m) {
        Outputs out = l.a.endpoint.handle(new Input.Received(packet(m)), l.now);
        l.apply(l.a, out);
        return out;
    }

    private static List<ZrtpMessage> sent(Outputs out) {
        return out.list().stream().filter(o -> o instanceof Output.Send).map(o -> ((Output.Send) o).bytes())
                .map(b -> ((DecodeResult.Ok<ZrtpPacket>) new ZrtpDecoder(ZrtpLimits.DEFAULT).decode(b)).value().message())
                .toList();
    }

    private static <T> List<T> emitted(Outputs out, Class<T> type) {
        return out.list().stream().filter(o -> o instanceof Output.Emit e && type.isInstance(e.event()))
                .map(o -> type.cast(((Output.Emit) o).event())).toList();
    }

    private static byte[] filled(int v) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) v);
        return b;
    }

    // ------------------------------------------------------------------ GoClear, ClearACK (§4.7.2, §5.11, §5.12)

    @Test
    void authenticGoClearIsRefusedWithError0x100NoClearAckAndTheStreamEndsInsteadOfGoingClear() {
        ZrtpLink l = secure(false);
        Outputs out = deliverToA(l, goClearFromB(l));
        assertThat(sent(out)).noneMatch(m -> m instanceof ClearAckMessage);
        assertThat(sent(out)).singleElement().isInstanceOfSatisfying(ErrorMessage.class,
                e -> assertThat(e.code()).isEqualTo(0x100L));
        assertThat(l.a.endpoint.errorCode()).contains(0x100);
        assertThat(l.a.endpoint.isSecure()).isFalse();
        assertThat(emitted(out, ZrtpError.class)).singleElement()
                .satisfies(e -> assertThat(e.condition()).isEqualTo("goclear-not-allowed"));
        // the Error reaches b, which acknowledges it and ends its side too (§4.7.1)
        l.run(5_000_000_000L);
        assertThat(l.b.endpoint.errorCode()).contains(0x100);
        assertThat(l.b.sent.stream().map(ZrtpPackets::type)).contains("ErrorACK");
    }

    @Test
    void goClearWithBadMacIsNotActedOnAndNotAnswered() {
        ZrtpLink l = secure(false);
        byte[] mac = goClearFromB(l).clearMac();
        mac[0] ^= 1;
        Outputs out = deliverToA(l, new GoClearMessage(mac));
        assertThat(sent(out)).isEmpty(); // §4.7.2: ClearACK MUST NOT be sent
        assertThat(l.a.endpoint.isSecure()).isTrue();
        assertThat(emitted(out, ZrtpSecurityNotice.class)).singleElement()
                .satisfies(n -> assertThat(n.condition()).isEqualTo("goclear-bad-mac"));
    }

    @Test
    void goClearReflectedWithOurOwnMacKeyIsABadMac() {
        ZrtpLink l = secure(false);
        // b's copy of a's mackey (mackeyr): a GoClear a itself would send, replayed back at it
        DerivedKeys kb = l.b.endpoint.secureKeys().orElseThrow();
        Outputs out = deliverToA(l, new GoClearMessage(ZrtpCrypto.mac64(kb.negotiated().hash(), kb.peerMacKey(), GO_CLEAR)));
        assertThat(sent(out)).isEmpty();
        assertThat(l.a.endpoint.isSecure()).isTrue();
    }

    @Test
    void goClearBeforeTheStreamIsSecureCannotBeAuthenticatedAndIsIgnored() {
        ZrtpEndpoint e = ZrtpEndpoint.create(X255, InMemoryZidCache.withRandomZid(ZrtpEndpointTest.seeded(3)), 1,
                ZrtpEndpointTest.seeded(4), ZrtpEndpointTest.CLOCK);
        e.start(0);
        Outputs out = e.handle(new Input.Received(packet(new GoClearMessage(new byte[8]))), 1);
        assertThat(out.list()).isEmpty();
        assertThat(e.phase()).isEqualTo("Discovery");
    }

    @Test
    void clearAckAndRelayAckAcknowledgeNothingWeSentAndAreIgnored() {
        ZrtpLink l = secure(false);
        assertThat(deliverToA(l, new ClearAckMessage()).list()).isEmpty();
        assertThat(deliverToA(l, new RelayAckMessage()).list()).isEmpty();
        assertThat(l.a.endpoint.isSecure()).isTrue();
    }

    // ------------------------------------------------------------------ SASrelay, RelayACK (§5.13, §5.14, §7.3)

    @Test
    void sasRelayFromAPeerWithoutTheMitmFlagIsAcknowledgedButNeverRendered() {
        ZrtpLink l = secure(false);
        String sas = l.a.endpoint.sas().orElseThrow();
        Outputs out = deliverToA(l, sasRelayFromB(l, SasType.B256, filled(0x5a)));
        assertThat(sent(out)).singleElement().isInstanceOf(RelayAckMessage.class); // no Error (§5.13)
        assertThat(l.a.endpoint.isSecure()).isTrue();
        assertThat(l.a.endpoint.sas()).contains(sas);
        assertThat(emitted(out, ZrtpSasChanged.class)).isEmpty();
        assertThat(emitted(out, ZrtpSecurityNotice.class)).singleElement()
                .satisfies(n -> assertThat(n.condition()).isEqualTo("sasrelay-from-non-mitm"));
    }

    @Test
    void relayedSasFromAMitmWeNeverEnrolledWithIsError0x63AndNotRendered() {
        ZrtpLink l = secure(true);
        String sas = l.a.endpoint.sas().orElseThrow();
        Outputs out = deliverToA(l, sasRelayFromB(l, SasType.B32, filled(0x5a)));
        List<ZrtpMessage> sent = sent(out);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isInstanceOf(RelayAckMessage.class);
        assertThat(sent.get(1)).isInstanceOfSatisfying(ErrorMessage.class, e -> assertThat(e.code()).isEqualTo(0x63L));
        assertThat(l.a.endpoint.errorCode()).contains(0x63);
        assertThat(emitted(out, ZrtpSasChanged.class)).isEmpty();
        assertThat(l.a.endpoint.sas()).isEmpty(); // the stream ended; nothing relayed was ever shown
        assertThat(sas).isNotEmpty();
    }

    @Test
    void zeroSashashFromAMitmOnlyChangesHowOurOwnSasIsRendered() {
        ZrtpLink l = secure(true);
        String b32 = l.a.endpoint.sas().orElseThrow();
        assertThat(b32).hasSize(4);
        Outputs out = deliverToA(l, sasRelayFromB(l, SasType.B256, new byte[32]));
        assertThat(sent(out)).singleElement().isInstanceOf(RelayAckMessage.class);
        String words = l.a.endpoint.sas().orElseThrow();
        assertThat(words).matches("[a-z]+ [a-z]+");
        assertThat(emitted(out, ZrtpSasChanged.class)).singleElement().satisfies(c -> {
            assertThat(c.sas()).isEqualTo(words);
            assertThat(c.sasType()).isEqualTo("B256");
        });
        // the same SAS value behind both renderings (§5.1.6): the one shown before, and the words now shown
        int value = l.a.endpoint.secureKeys().orElseThrow().sasValue();
        assertThat(ZrtpSas.render(SasType.B32, value)).isEqualTo(b32);
        assertThat(ZrtpSas.pgpWords(value)).containsExactly(words.split(" "));
        // a retransmitted SASrelay is acknowledged again and changes nothing more
        Outputs again = deliverToA(l, sasRelayFromB(l, SasType.B256, new byte[32]));
        assertThat(sent(again)).singleElement().isInstanceOf(RelayAckMessage.class);
        assertThat(emitted(again, ZrtpSasChanged.class)).isEmpty();
    }

    @Test
    void zeroSashashWithAnUnknownRenderingSchemeKeepsOurSas() {
        ZrtpLink l = secure(true);
        String sas = l.a.endpoint.sas().orElseThrow();
        Outputs out = deliverToA(l, sasRelayFromB(l, new SasType("B99 "), new byte[32]));
        assertThat(sent(out)).singleElement().isInstanceOf(RelayAckMessage.class);
        assertThat(l.a.endpoint.sas()).contains(sas);
        assertThat(l.a.endpoint.isSecure()).isTrue();
    }

    @Test
    void sasRelayWithBadMacGetsNoRelayAck() {
        ZrtpLink l = secure(true);
        SasRelayMessage good = sasRelayFromB(l, SasType.B256, new byte[32]);
        byte[] mac = good.mac();
        mac[7] ^= 1;
        Outputs out = deliverToA(l, new SasRelayMessage(mac, good.cfbIv(), good.encrypted()));
        assertThat(sent(out)).isEmpty(); // §5.14: RelayACK answers a valid SASrelay only
        assertThat(l.a.endpoint.isSecure()).isTrue();
        assertThat(emitted(out, ZrtpSecurityNotice.class)).singleElement()
                .satisfies(n -> assertThat(n.condition()).isEqualTo("sasrelay-bad-mac"));
    }

    @Test
    void sasRelayReflectedWithOurOwnKeysIsABadMac() {
        ZrtpLink l = secure(true);
        DerivedKeys kb = l.b.endpoint.secureKeys().orElseThrow(); // b's copy of a's own keys
        byte[] plain = new SasRelayPlaintext(false, false, false, SasType.B256, new byte[32], Optional.empty()).encode();
        byte[] iv = new byte[16];
        byte[] enc = ZrtpCrypto.confirmCipher(true, kb.peerZrtpKey(), iv, plain);
        Outputs out = deliverToA(l, new SasRelayMessage(ZrtpCrypto.mac64(kb.negotiated().hash(), kb.peerMacKey(), enc),
                iv, enc));
        assertThat(sent(out)).isEmpty();
        assertThat(l.a.endpoint.sas().orElseThrow()).hasSize(4);
    }

    @Test
    void sasRelayBeforeTheStreamIsSecureIsIgnored() {
        ZrtpEndpoint e = ZrtpEndpoint.create(X255, InMemoryZidCache.withRandomZid(ZrtpEndpointTest.seeded(3)), 1,
                ZrtpEndpointTest.seeded(4), ZrtpEndpointTest.CLOCK);
        e.start(0);
        byte[] enc = new byte[SasRelayPlaintext.FIXED_LENGTH];
        Outputs out = e.handle(new Input.Received(packet(new SasRelayMessage(new byte[8], new byte[16], enc))), 1);
        assertThat(out.list()).isEmpty();
        assertThat(e.phase()).isEqualTo("Discovery");
    }
}
