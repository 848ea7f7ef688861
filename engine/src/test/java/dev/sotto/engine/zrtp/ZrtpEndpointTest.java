package dev.sotto.engine.zrtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.codecs.zrtp.SasType;
import dev.sotto.engine.event.ZrtpCacheMismatch;
import dev.sotto.engine.event.ZrtpRetainedSecretUpdated;
import dev.sotto.engine.event.ZrtpSecureOn;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Sotto against Sotto in memory: every key agreement, roles, key continuity, SAS verification. */
class ZrtpEndpointTest {

    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-26T21:00:00Z"));

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static ZrtpLink link(ZrtpConfig ca, InMemoryZidCache cacheA, ZrtpConfig cb, InMemoryZidCache cacheB, long seed) {
        ZrtpEndpoint a = ZrtpEndpoint.create(ca, cacheA, 0x1111, seeded(seed), CLOCK);
        ZrtpEndpoint b = ZrtpEndpoint.create(cb, cacheB, 0x2222, seeded(seed + 1), CLOCK);
        return new ZrtpLink(a, b);
    }

    /** Both ends secure with one SAS and mirrored SRTP keys; a is the initiator. */
    static void assertSecurePair(ZrtpLink l, String ka) {
        ZrtpEndpoint a = l.a.endpoint;
        ZrtpEndpoint b = l.b.endpoint;
        assertTrue(a.isSecure(), "a " + a.phase() + " " + a.errorCode());
        assertTrue(b.isSecure(), "b " + b.phase() + " " + b.errorCode());
        assertEquals(a.sas(), b.sas());
        assertNotEquals(a.role(), b.role());
        ZrtpSrtpSecrets sa = a.srtpSecrets().orElseThrow();
        ZrtpSrtpSecrets sb = b.srtpSecrets().orElseThrow();
        assertEquals(sa.profile(), sb.profile());
        assertArrayEquals(sa.localKey().bytes(), sb.remoteKey().bytes());
        assertArrayEquals(sa.localSalt().bytes(), sb.remoteSalt().bytes());
        assertArrayEquals(sa.remoteKey().bytes(), sb.localKey().bytes());
        assertArrayEquals(sa.remoteSalt().bytes(), sb.localSalt().bytes());
        assertFalse(java.util.Arrays.equals(sa.localKey().bytes(), sa.remoteKey().bytes()));
        assertEquals(14, sa.localSalt().length());
        ZrtpSecureOn ea = l.a.events(ZrtpSecureOn.class).get(0);
        ZrtpSecureOn eb = l.b.events(ZrtpSecureOn.class).get(0);
        assertEquals(ka, ea.keyAgreement());
        assertEquals(ka, eb.keyAgreement());
        assertEquals(ea.sas(), eb.sas());
        if (!ea.multistream()) { // §4.5.2: only the first stream computes ExportedKey
            assertArrayEquals(a.exportKey("test", 32).orElseThrow().bytes(),
                    b.exportKey("test", 32).orElseThrow().bytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DH3k", "DH2k", "EC25", "EC38", "X255", "E255"})
    void everyKeyAgreementCompletesWithOneSasAndMirroredKeys(String ka) {
        ZrtpConfig active = ZrtpConfig.defaults().withKeyAgreements(List.of(new KeyAgreementType(ka)));
        InMemoryZidCache cacheA = InMemoryZidCache.withRandomZid(seeded(1));
        InMemoryZidCache cacheB = InMemoryZidCache.withRandomZid(seeded(2));
        ZrtpLink l = link(active, cacheA, active.withPassive(true), cacheB, 10);
        l.start();
        l.run(5_000_000_000L);
        assertSecurePair(l, ka);
        assertEquals(ZrtpRole.INITIATOR, l.a.endpoint.role().orElseThrow());
        assertEquals(ZrtpRole.RESPONDER, l.b.endpoint.role().orElseThrow());
        assertEquals(4, l.a.endpoint.sas().orElseThrow().length()); // B32: four characters (§5.1.6)
        if (ka.equals("EC38")) {
            assertEquals("S384", l.a.events(ZrtpSecureOn.class).get(0).hash());
            assertEquals("AES3", l.a.events(ZrtpSecureOn.class).get(0).cipher());
        }
        // first call: nothing cached, nothing matched, each side stores rs1
        assertFalse(l.a.endpoint.cacheMatch());
        assertEquals(1, l.a.events(ZrtpRetainedSecretUpdated.class).size());
        assertEquals(1, l.b.events(ZrtpRetainedSecretUpdated.class).size());
    }

    @Test
    void bothActiveResolveCommitContention() {
        for (long seed = 0; seed < 8; seed++) {
            ZrtpConfig c = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.X255));
            ZrtpLink l = link(c, InMemoryZidCache.withRandomZid(seeded(seed + 100)), c,
                    InMemoryZidCache.withRandomZid(seeded(seed + 200)), seed);
            l.start();
            l.run(5_000_000_000L);
            assertSecurePair(l, "X255");
        }
    }

    @Test
    void secondSessionUsesRetainedSecretAndCarriesVerifiedFlag() {
        ZrtpConfig c = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.DH3K));
        InMemoryZidCache cacheA = InMemoryZidCache.withRandomZid(seeded(1));
        InMemoryZidCache cacheB = InMemoryZidCache.withRandomZid(seeded(2));
        ZrtpLink first = link(c, cacheA, c.withPassive(true), cacheB, 20);
        first.start();
        first.run(5_000_000_000L);
        assertSecurePair(first, "DH3k");
        assertFalse(first.a.events(ZrtpSecureOn.class).get(0).cacheMatch());
        // the users compare the SAS and confirm it
        first.apply(first.a, first.a.endpoint.sasVerified(true));
        first.apply(first.b, first.b.endpoint.sasVerified(true));

        ZrtpLink second = link(c.withPassive(true), cacheA, c, cacheB, 30); // roles swapped
        second.start();
        second.run(5_000_000_000L);
        assertSecurePair(second, "DH3k");
        assertEquals(ZrtpRole.RESPONDER, second.a.endpoint.role().orElseThrow());
        ZrtpSecureOn a2 = second.a.events(ZrtpSecureOn.class).get(0);
        ZrtpSecureOn b2 = second.b.events(ZrtpSecureOn.class).get(0);
        assertTrue(a2.cacheMatch());
        assertTrue(b2.cacheMatch());
        assertTrue(a2.verified(), "V flag from the first call carried over");
        assertTrue(b2.verified());
        assertTrue(second.a.events(ZrtpCacheMismatch.class).isEmpty());
        // rs2 now holds the first call's rs1 (§4.6.1)
        assertTrue(cacheA.lookup(cacheB.localZid()).orElseThrow().rs2().isPresent());
    }

    @Test
    void lostCacheOnOneSideIsAMismatchOnTheOtherAndDelaysTheUpdate() {
        ZrtpConfig c = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.X255));
        InMemoryZidCache cacheA = InMemoryZidCache.withRandomZid(seeded(1));
        InMemoryZidCache cacheB = InMemoryZidCache.withRandomZid(seeded(2));
        ZrtpLink first = link(c, cacheA, c.withPassive(true), cacheB, 40);
        first.start();
        first.run(5_000_000_000L);
        assertSecurePair(first, "X255");
        byte[] rs1Before = cacheA.lookup(cacheB.localZid()).orElseThrow().rs1().bytes();

        cacheB.forget(cacheA.localZid()); // b lost its cache (or a MiTM sits between them)
        ZrtpLink second = link(c, cacheA, c.withPassive(true), cacheB, 50);
        second.start();
        second.run(5_000_000_000L);
        assertSecurePair(second, "X255");
        assertTrue(second.a.endpoint.cacheMismatch());
        assertEquals(1, second.a.events(ZrtpCacheMismatch.class).size());
        assertTrue(second.b.events(ZrtpCacheMismatch.class).isEmpty(), "b had nothing to expect");
        // §4.6.1.1: a keeps its old rs1 until the user verifies the SAS
        assertTrue(second.a.events(ZrtpRetainedSecretUpdated.class).isEmpty());
        assertArrayEquals(rs1Before, cacheA.lookup(cacheB.localZid()).orElseThrow().rs1().bytes());
        second.apply(second.a, second.a.endpoint.sasVerified(true));
        assertEquals(1, second.a.events(ZrtpRetainedSecretUpdated.class).size());
        assertFalse(java.util.Arrays.equals(rs1Before, cacheA.lookup(cacheB.localZid()).orElseThrow().rs1().bytes()));
    }

    @Test
    void b256SasIsTwoPgpWords() {
        ZrtpConfig c = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.EC25))
                .withSasTypes(List.of(SasType.B256));
        ZrtpLink l = link(c, InMemoryZidCache.withRandomZid(seeded(1)), c.withPassive(true),
                InMemoryZidCache.withRandomZid(seeded(2)), 60);
        l.start();
        l.run(5_000_000_000L);
        assertSecurePair(l, "EC25");
        assertTrue(l.a.endpoint.sas().orElseThrow().matches("[a-z]+ [a-z]+"), l.a.endpoint.sas().orElseThrow());
    }

    /** Retained secrets and the V flag survive a restart through the durable events (encoded as in the log). */
    @Test
    void continuitySurvivesRestartThroughTheEventLog() {
        ZrtpConfig c = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.X255));
        InMemoryZidCache cacheA = InMemoryZidCache.withRandomZid(seeded(1));
        InMemoryZidCache cacheB = InMemoryZidCache.withRandomZid(seeded(2));
        ZrtpLink first = link(c, cacheA, c.withPassive(true), cacheB, 200);
        first.start();
        first.run(5_000_000_000L);
        first.apply(first.a, first.a.endpoint.sasVerified(true));
        first.apply(first.b, first.b.endpoint.sasVerified(true));
        dev.sotto.engine.event.ZrtpEventCodec codec = new dev.sotto.engine.event.ZrtpEventCodec();
        List<dev.sotto.engine.event.ZrtpEvent> log = new java.util.ArrayList<>();
        log.add(cacheA.zidAssigned(CLOCK.instant()));
        first.a.events(dev.sotto.engine.event.ZrtpEvent.class).stream()
                .filter(e -> e instanceof ZrtpRetainedSecretUpdated || e instanceof dev.sotto.engine.event.ZrtpSasVerified)
                .forEach(e -> log.add(codec.decode(codec.encode(e))));
        InMemoryZidCache restarted = InMemoryZidCache.fold(log, seeded(3));
        org.junit.jupiter.api.Assertions.assertArrayEquals(cacheA.localZid(), restarted.localZid(), "persistent ZID");

        ZrtpLink second = link(c, restarted, c.withPassive(true), cacheB, 210);
        second.start();
        second.run(5_000_000_000L);
        assertSecurePair(second, "X255");
        assertTrue(second.a.events(ZrtpSecureOn.class).get(0).cacheMatch());
        assertTrue(second.a.events(ZrtpSecureOn.class).get(0).verified());
    }

    /** §4.9: a cache expiration interval of 0 in either Confirm means nobody stores the new rs1. */
    @Test
    void zeroCacheExpirationStoresNothing() {
        ZrtpConfig c = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.X255));
        InMemoryZidCache cacheA = InMemoryZidCache.withRandomZid(seeded(1));
        InMemoryZidCache cacheB = InMemoryZidCache.withRandomZid(seeded(2));
        ZrtpLink l = link(c.withCacheExpirationSeconds(0), cacheA, c.withPassive(true), cacheB, 220);
        l.start();
        l.run(5_000_000_000L);
        assertSecurePair(l, "X255");
        assertTrue(cacheA.lookup(cacheB.localZid()).isEmpty());
        assertTrue(cacheB.lookup(cacheA.localZid()).isEmpty());
        assertTrue(l.b.events(ZrtpRetainedSecretUpdated.class).isEmpty());
    }

    /** The keys go to SRTP with the right roles: what one side protects, the other unprotects (§4.5.3). */
    @Test
    void srtpContextsFromBothSidesInteroperate() {
        ZrtpConfig c = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.EC25));
        ZrtpLink l = link(c, InMemoryZidCache.withRandomZid(seeded(1)), c.withPassive(true),
                InMemoryZidCache.withRandomZid(seeded(2)), 230);
        l.start();
        l.run(5_000_000_000L);
        assertSecurePair(l, "EC25");
        dev.sotto.engine.srtp.SrtpConfig cfg = dev.sotto.engine.srtp.SrtpConfig.DEFAULT;
        for (boolean fromInitiator : new boolean[] {true, false}) {
            ZrtpSrtpSecrets sender = (fromInitiator ? l.a : l.b).endpoint.srtpSecrets().orElseThrow();
            ZrtpSrtpSecrets receiver = (fromInitiator ? l.b : l.a).endpoint.srtpSecrets().orElseThrow();
            assertEquals(dev.sotto.engine.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_32, sender.profile());
            dev.sotto.engine.srtp.SrtpCryptoContext out = sender.outboundContext(cfg);
            dev.sotto.engine.srtp.SrtpCryptoContext in = receiver.inboundContext(cfg);
            byte[] rtp = new byte[12 + 20];
            rtp[0] = (byte) 0x80;
            rtp[3] = 7; // sequence number 7
            rtp[11] = 0x42; // SSRC 0x42
            for (int i = 12; i < rtp.length; i++) {
                rtp[i] = (byte) i;
            }
            io.netty.buffer.ByteBuf packet = io.netty.buffer.Unpooled.buffer(rtp.length + 16).writeBytes(rtp);
            assertEquals(dev.sotto.engine.srtp.SrtpStatus.OK, out.protectRtp(packet));
            assertEquals(dev.sotto.engine.srtp.SrtpStatus.OK, in.unprotectRtp(packet));
            byte[] back = new byte[packet.readableBytes()];
            packet.getBytes(packet.readerIndex(), back);
            assertArrayEquals(rtp, back);
            // the reverse direction's keys do not open it
            io.netty.buffer.ByteBuf again = io.netty.buffer.Unpooled.buffer(rtp.length + 16).writeBytes(rtp);
            rtp[3] = 8;
            again.setByte(3, 8);
            assertEquals(dev.sotto.engine.srtp.SrtpStatus.OK, out.protectRtp(again));
            assertNotEquals(dev.sotto.engine.srtp.SrtpStatus.OK, sender.inboundContext(cfg).unprotectRtp(again));
        }
    }
}
