package dev.sotto.engine.zrtp;

import static dev.sotto.engine.zrtp.ZrtpEndpointTest.CLOCK;
import static dev.sotto.engine.zrtp.ZrtpEndpointTest.assertSecurePair;
import static dev.sotto.engine.zrtp.ZrtpEndpointTest.link;
import static dev.sotto.engine.zrtp.ZrtpEndpointTest.seeded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.engine.event.ZrtpError;
import dev.sotto.engine.event.ZrtpRetainedSecretUpdated;
import dev.sotto.engine.event.ZrtpSecureOn;
import dev.sotto.engine.sansio.Input;
import dev.sotto.engine.sansio.Output;
import dev.sotto.engine.sansio.Outputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Multistream, lossy links, tampering, the §5.9 error codes and the §6 timers. */
class ZrtpEndpointRobustnessTest {

    private static final long MS = 1_000_000L;

    private static ZrtpConfig only(String ka) {
        return ZrtpConfig.defaults().withKeyAgreements(List.of(new KeyAgreementType(ka)));
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void multistreamSecondStreamDerivesFreshKeysFromTheSession(boolean sameInitiator) {
        ZrtpConfig c = only("EC25");
        InMemoryZidCache cacheA = InMemoryZidCache.withRandomZid(seeded(1));
        InMemoryZidCache cacheB = InMemoryZidCache.withRandomZid(seeded(2));
        ZrtpLink audio = link(c, cacheA, c.withPassive(true), cacheB, 70);
        audio.start();
        audio.run(5_000 * MS);
        assertSecurePair(audio, "EC25");
        ZrtpSession sa = audio.a.endpoint.session().orElseThrow();
        ZrtpSession sb = audio.b.endpoint.session().orElseThrow();
        assertEquals(sa.sas(), sb.sas());

        ZrtpEndpoint va = ZrtpEndpoint.multistream(c.withPassive(!sameInitiator), cacheA, 0x1112, sa, seeded(80),
                CLOCK);
        ZrtpEndpoint vb = ZrtpEndpoint.multistream(c.withPassive(sameInitiator), cacheB, 0x2223, sb, seeded(81),
                CLOCK);
        ZrtpLink video = new ZrtpLink(va, vb);
        video.start();
        video.run(5_000 * MS);
        assertSecurePair(video, "Mult");
        assertEquals(sameInitiator ? ZrtpRole.INITIATOR : ZrtpRole.RESPONDER, va.role().orElseThrow());
        ZrtpSecureOn on = video.a.events(ZrtpSecureOn.class).get(0);
        assertTrue(on.multistream());
        assertEquals("", on.sas(), "no SAS of its own (§4.4.3.1)");
        assertEquals("EC25", audio.a.events(ZrtpSecureOn.class).get(0).keyAgreement());
        // §4.4.3: Multistream does not touch the cache
        assertTrue(video.a.events(ZrtpRetainedSecretUpdated.class).isEmpty());
        assertTrue(video.b.events(ZrtpRetainedSecretUpdated.class).isEmpty());
        // the video keys differ from the audio keys
        assertFalse(Arrays.equals(va.srtpSecrets().orElseThrow().localKey().bytes(),
                audio.a.endpoint.srtpSecrets().orElseThrow().localKey().bytes()));
    }

    @Test
    void multistreamWithoutSessionIsRefused() {
        ZrtpConfig c = only("X255");
        InMemoryZidCache cacheA = InMemoryZidCache.withRandomZid(seeded(1));
        InMemoryZidCache cacheB = InMemoryZidCache.withRandomZid(seeded(2));
        ZrtpLink audio = link(c, cacheA, c.withPassive(true), cacheB, 90);
        audio.start();
        audio.run(5_000 * MS);
        ZrtpEndpoint va = ZrtpEndpoint.multistream(c, cacheA, 0x1112, audio.a.endpoint.session().orElseThrow(),
                seeded(91), CLOCK);
        ZrtpEndpoint vb = ZrtpEndpoint.create(c.withPassive(true), cacheB, 0x2223, seeded(92), CLOCK);
        ZrtpLink video = new ZrtpLink(va, vb);
        video.start();
        video.run(5_000 * MS);
        assertEquals(0x56, vb.errorCode().orElseThrow());
        assertEquals(0x56, va.errorCode().orElseThrow(), "the initiator learns it from the Error message");
        assertTrue(va.srtpSecrets().isEmpty());
    }

    /** 10 % loss and reordering by jitter up to 30 ms: every seed must still complete with equal keys. */
    @Test
    void lossyReorderingLinkStillCompletes() {
        long base = Long.getLong("sotto.test.seed", System.nanoTime());
        for (int i = 0; i < 40; i++) {
            long seed = base + i;
            try {
                String ka = List.of("X255", "EC25", "DH2k", "DH3k").get(i % 4);
                ZrtpConfig c = only(ka);
                ZrtpEndpoint a = ZrtpEndpoint.create(c, InMemoryZidCache.withRandomZid(seeded(seed)), 1, seeded(seed + 1),
                        CLOCK);
                ZrtpEndpoint b = ZrtpEndpoint.create(i % 2 == 0 ? c : c.withPassive(true),
                        InMemoryZidCache.withRandomZid(seeded(seed + 2)), 2, seeded(seed + 3), CLOCK);
                ZrtpLink l = new ZrtpLink(a, b, seed, 0.10, 5 * MS, 30 * MS);
                l.start();
                l.run(60_000 * MS);
                assertSecurePair(l, ka);
            } catch (AssertionError e) {
                throw new AssertionError("seed=" + seed + " (replay: -Dsotto.test.seed=" + seed + ")", e);
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1} altered at {2}")
    @CsvSource({"DH3k,DHPart2 ,86,98", "X255,DHPart2 ,86,98", "X255,Confirm2,40,112", "EC25,Confirm2,40,112"})
    void initiatorMessageTamperedAbortsBothSides(String ka, String type, int offset, int code) {
        ZrtpConfig c = only(ka);
        ZrtpLink l = link(c, InMemoryZidCache.withRandomZid(seeded(1)), c.withPassive(true),
                InMemoryZidCache.withRandomZid(seeded(2)), 100);
        l.tamperAtoB = p -> ZrtpPackets.flip(p, String.format("%-8s", type), offset);
        l.start();
        l.run(20_000 * MS);
        assertEquals(code, l.b.endpoint.errorCode().orElseThrow());
        assertEquals(code, l.a.endpoint.errorCode().orElseThrow(), "the Error reached the initiator");
        assertTrue(l.a.endpoint.srtpSecrets().isEmpty());
        assertTrue(l.b.endpoint.srtpSecrets().isEmpty());
        assertFalse(l.b.events(ZrtpError.class).get(0).fromPeer());
        assertTrue(l.a.events(ZrtpError.class).get(0).fromPeer());
    }

    @ParameterizedTest(name = "{0}: Confirm1 altered")
    @CsvSource({"DH3k", "X255"})
    void responderConfirmTamperedAbortsBothSides(String ka) {
        ZrtpConfig c = only(ka);
        ZrtpLink l = link(c, InMemoryZidCache.withRandomZid(seeded(1)), c.withPassive(true),
                InMemoryZidCache.withRandomZid(seeded(2)), 110);
        l.tamperBtoA = p -> ZrtpPackets.flip(p, "Confirm1", 40);
        l.start();
        l.run(20_000 * MS);
        assertEquals(0x70, l.a.endpoint.errorCode().orElseThrow());
        assertEquals(0x70, l.b.endpoint.errorCode().orElseThrow());
        assertTrue(l.a.endpoint.srtpSecrets().isEmpty());
        assertTrue(l.b.endpoint.srtpSecrets().isEmpty());
    }

    /** §4.4.1.2: pvi = 1 or p−1 is refused with Error 0x61 before any hvi check. */
    @ParameterizedTest
    @CsvSource({"DH3k,1", "DH3k,-1", "DH2k,1", "EC25,0"})
    void weakPublicValueIsRefused(String ka, int which) {
        ZrtpConfig c = only(ka);
        ZrtpLink l = link(c, InMemoryZidCache.withRandomZid(seeded(1)), c.withPassive(true),
                InMemoryZidCache.withRandomZid(seeded(2)), 120);
        int pvLength = new KeyAgreementType(ka).publicValueLength();
        l.tamperAtoB = p -> {
            if (ZrtpPackets.type(p).equals("DHPart2 ")) {
                int at = 12 + 76;
                byte[] pv = new byte[pvLength];
                if (which == 1) {
                    pv[pvLength - 1] = 1;
                } else if (which == -1) {
                    byte[] pm1 = (ka.equals("DH3k") ? ZrtpKeyAgreement.MODP_3072 : ZrtpKeyAgreement.MODP_2048)
                            .subtract(java.math.BigInteger.ONE).toByteArray();
                    System.arraycopy(pm1, pm1.length - pvLength, pv, 0, pvLength);
                } // else all zero: not a point on P-256
                System.arraycopy(pv, 0, p, at, pvLength);
                ZrtpPackets.recomputeCrc(p);
            }
            return p;
        };
        l.start();
        l.run(20_000 * MS);
        assertEquals(0x61, l.b.endpoint.errorCode().orElseThrow());
        assertTrue(l.b.endpoint.srtpSecrets().isEmpty());
    }

    @Test
    void unsupportedCipherInCommitIsError0x52() {
        ZrtpConfig c = only("X255");
        ZrtpLink l = link(c, InMemoryZidCache.withRandomZid(seeded(1)), c.withPassive(true),
                InMemoryZidCache.withRandomZid(seeded(2)), 130);
        l.tamperAtoB = p -> {
            if (ZrtpPackets.type(p).equals("Commit  ")) {
                // Commit: H2 (32) and ZID (12) after the 12-octet message header; the cipher block at 60
                System.arraycopy("AES2".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, p, 12 + 60, 4);
                ZrtpPackets.recomputeCrc(p);
            }
            return p;
        };
        l.start();
        l.run(20_000 * MS);
        assertEquals(0x52, l.b.endpoint.errorCode().orElseThrow());
        assertEquals(0x52, l.a.endpoint.errorCode().orElseThrow());
    }

    @Test
    void equalZidsAreError0x90() {
        byte[] zid = new byte[12];
        ZrtpConfig c = only("X255");
        ZrtpLink l = link(c, new InMemoryZidCache(zid), c.withPassive(true), new InMemoryZidCache(zid), 140);
        l.start();
        l.run(20_000 * MS);
        assertEquals(0x90, l.a.endpoint.errorCode().orElseThrow());
        assertEquals(0x90, l.b.endpoint.errorCode().orElseThrow());
    }

    @Test
    void badCrcIsDroppedSilently() {
        ZrtpConfig c = only("X255");
        ZrtpLink l = link(c, InMemoryZidCache.withRandomZid(seeded(1)), c.withPassive(true),
                InMemoryZidCache.withRandomZid(seeded(2)), 150);
        int[] corrupted = {0};
        l.tamperAtoB = p -> {
            if (ZrtpPackets.type(p).equals("DHPart2 ") && corrupted[0]++ == 0) {
                p[12 + 90] ^= 1; // CRC no longer matches: §5 silent discard, the retransmission completes
            }
            return p;
        };
        l.start();
        l.run(20_000 * MS);
        assertSecurePair(l, "X255");
        assertTrue(l.b.events(ZrtpError.class).isEmpty());
    }

    /** §6: Hello every 50, 100, 200, 200... ms, 20 retransmissions, then the stream gives up. */
    @Test
    void helloScheduleFollowsT1() {
        ZrtpEndpoint e = ZrtpEndpoint.create(only("X255"), InMemoryZidCache.withRandomZid(seeded(1)), 1, seeded(2),
                CLOCK);
        long now = 0;
        List<Long> gaps = new ArrayList<>();
        Outputs out = e.start(now);
        int sends = 1;
        long last = 0;
        for (int i = 0; i < 40; i++) {
            Output.ArmTimer t = out.list().stream().filter(Output.ArmTimer.class::isInstance)
                    .map(Output.ArmTimer.class::cast).findFirst().orElse(null);
            if (t == null) {
                break;
            }
            gaps.add(t.deadline() - last);
            now = t.deadline();
            last = now;
            out = e.handle(new Input.TimerFired(t.id()), now);
            sends += (int) out.list().stream().filter(Output.Send.class::isInstance).count();
        }
        assertEquals(21, sends, "the first Hello and 20 retransmissions");
        assertEquals(List.of(50 * MS, 100 * MS, 200 * MS, 200 * MS), gaps.subList(0, 4));
        assertEquals(50 * MS + 100 * MS + 18 * 200 * MS + 200 * MS, last, "3.75 s of retries, then one more T1 wait");
        assertEquals(0xB0, e.errorCode().orElseThrow());
    }

    /** §6: the initiator resends Commit after 150, 300, 600, 1200, 1200... ms, 10 times, then Error 0xB0. */
    @Test
    void commitScheduleFollowsT2() {
        ZrtpConfig c = only("X255");
        ZrtpLink l = link(c, InMemoryZidCache.withRandomZid(seeded(1)), c.withPassive(true),
                InMemoryZidCache.withRandomZid(seeded(2)), 160);
        l.tamperAtoB = p -> ZrtpPackets.type(p).equals("Commit  ") ? null : p;
        l.start();
        l.run(60_000 * MS);
        List<Long> commits = new ArrayList<>();
        for (int i = 0; i < l.a.sent.size(); i++) {
            if (ZrtpPackets.type(l.a.sent.get(i)).equals("Commit  ")) {
                commits.add(l.a.sentAt.get(i));
            }
        }
        assertEquals(11, commits.size(), "Commit and 10 retransmissions");
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < commits.size(); i++) {
            gaps.add(commits.get(i) - commits.get(i - 1));
        }
        assertEquals(List.of(150 * MS, 300 * MS, 600 * MS, 1200 * MS, 1200 * MS, 1200 * MS, 1200 * MS, 1200 * MS,
                1200 * MS, 1200 * MS), gaps);
        assertEquals(0xB0, l.a.endpoint.errorCode().orElseThrow());
        assertTrue(l.a.endpoint.srtpSecrets().isEmpty());
    }

    @Test
    void helloHashFromSignallingBindsTheStream() {
        ZrtpConfig c = only("X255");
        ZrtpEndpoint a = ZrtpEndpoint.create(c, InMemoryZidCache.withRandomZid(seeded(1)), 1, seeded(3), CLOCK);
        ZrtpEndpoint b = ZrtpEndpoint.create(c.withPassive(true), InMemoryZidCache.withRandomZid(seeded(2)), 2,
                seeded(4), CLOCK);
        assertTrue(a.helloHash().matches("1\\.10 [0-9a-f]{64}"), a.helloHash());
        a.expectPeerHelloHash(b.helloHash());
        b.expectPeerHelloHash(a.helloHash());
        ZrtpLink ok = new ZrtpLink(a, b);
        ok.start();
        ok.run(5_000 * MS);
        assertSecurePair(ok, "X255");

        ZrtpEndpoint c1 = ZrtpEndpoint.create(c, InMemoryZidCache.withRandomZid(seeded(5)), 1, seeded(6), CLOCK);
        ZrtpEndpoint c2 = ZrtpEndpoint.create(c.withPassive(true), InMemoryZidCache.withRandomZid(seeded(7)), 2,
                seeded(8), CLOCK);
        c2.expectPeerHelloHash(b.helloHash()); // not c1's Hello: c1 is a false endpoint for c2
        ZrtpLink bad = new ZrtpLink(c1, c2);
        bad.start();
        bad.run(20_000 * MS);
        assertFalse(c2.isSecure());
        assertTrue(c2.srtpSecrets().isEmpty());
    }

    @Test
    void conf2AckLossIsRepairedByConfirm2Retransmission() {
        ZrtpConfig c = only("X255");
        ZrtpLink l = link(c, InMemoryZidCache.withRandomZid(seeded(1)), c.withPassive(true),
                InMemoryZidCache.withRandomZid(seeded(2)), 170);
        int[] dropped = {0};
        l.tamperBtoA = p -> ZrtpPackets.type(p).equals("Conf2ACK") && dropped[0]++ < 2 ? null : p;
        l.start();
        l.run(20_000 * MS);
        assertSecurePair(l, "X255");
        assertEquals(3, dropped[0], "two Conf2ACKs lost, the third arrived");
        assertArrayEquals(l.a.endpoint.srtpSecrets().orElseThrow().localKey().bytes(),
                l.b.endpoint.srtpSecrets().orElseThrow().remoteKey().bytes());
    }

    /** §5.16: a Ping is answered with a PingACK carrying our EndpointHash, the Ping's hash and its SSRC. */
    @Test
    void pingIsAnsweredWithPingAck() {
        byte[] zid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        ZrtpEndpoint e = ZrtpEndpoint.create(only("X255"), new InMemoryZidCache(zid), 1, seeded(1), CLOCK);
        e.start(0);
        byte[] hash = {9, 9, 9, 9, 8, 8, 8, 8};
        byte[] ping = new dev.sotto.codecs.zrtp.ZrtpPacket(5, 0xCAFEF00DL, new dev.sotto.codecs.zrtp.PingMessage("1.10", hash))
                .encode();
        Outputs out = e.handle(new Input.Received(ping), 1);
        byte[] reply = ((Output.Send) out.list().get(0)).bytes();
        var decoded = new dev.sotto.codecs.zrtp.ZrtpDecoder(dev.sotto.codecs.zrtp.ZrtpLimits.DEFAULT).decode(reply);
        var ack = (dev.sotto.codecs.zrtp.PingAckMessage)
                ((dev.sotto.codecs.DecodeResult.Ok<dev.sotto.codecs.zrtp.ZrtpPacket>) decoded).value().message();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, ack.senderEndpointHash());
        assertArrayEquals(hash, ack.receivedEndpointHash());
        assertEquals(0xCAFEF00DL, ack.receivedSsrc());
        assertEquals("Discovery", e.phase(), "a Ping changes nothing else");
    }
}
