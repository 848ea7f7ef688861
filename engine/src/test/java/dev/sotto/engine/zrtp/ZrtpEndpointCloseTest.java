package dev.sotto.engine.zrtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.engine.sansio.Input;
import dev.sotto.engine.sansio.Output;
import dev.sotto.engine.sansio.Outputs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ZrtpEndpoint#close}: the end of a call leaves no key of it in the endpoint. Checked on the arrays
 * themselves (a reference taken before the close), not only on what the endpoint still hands out.
 */
class ZrtpEndpointCloseTest {

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void closingASecureStreamWipesEveryKeyAndIgnoresWhatFollows() {
        ZrtpConfig c = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.X255));
        ZrtpLink l = ZrtpEndpointTest.link(c, InMemoryZidCache.withRandomZid(ZrtpEndpointTest.seeded(1)),
                c.withPassive(true), InMemoryZidCache.withRandomZid(ZrtpEndpointTest.seeded(2)), 40);
        l.start();
        l.run(5_000_000_000L);
        ZrtpEndpointTest.assertSecurePair(l, "X255");
        ZrtpEndpoint a = l.a.endpoint;
        DerivedKeys keys = a.secureKeys().orElseThrow();
        ZrtpSrtpSecrets secrets = a.srtpSecrets().orElseThrow();
        ZrtpSession session = a.session().orElseThrow();
        byte[] sessionCopy = session.zrtpSess().bytes();
        for (byte[] k : List.of(keys.srtpkeyI(), keys.srtpsaltI(), keys.srtpkeyR(), keys.srtpsaltR(), keys.zrtpSess(),
                keys.exportedKey(), keys.peerMacKey(), keys.peerZrtpKey())) {
            assertFalse(allZero(k), "a key is set before the close");
        }

        Outputs closed = a.close();

        assertTrue(closed.list().stream().noneMatch(o -> o instanceof Output.Send), "ZRTP has no closing message");
        assertEquals("Closed", a.phase());
        for (byte[] k : List.of(keys.srtpkeyI(), keys.srtpsaltI(), keys.srtpkeyR(), keys.srtpsaltR(), keys.zrtpSess(),
                keys.exportedKey(), keys.newRs1(), keys.mackeyI(), keys.mackeyR(), keys.zrtpkeyI(), keys.zrtpkeyR())) {
            assertTrue(allZero(k), "wiped");
        }
        assertTrue(secrets.localKey().isWiped());
        assertTrue(secrets.localSalt().isWiped());
        assertTrue(secrets.remoteKey().isWiped());
        assertTrue(secrets.remoteSalt().isWiped());
        assertThrows(IllegalStateException.class, () -> secrets.localKey().bytes());
        assertTrue(a.srtpSecrets().isEmpty());
        assertTrue(a.exportKey("after", 32).isEmpty());
        assertTrue(a.sas().isEmpty());
        assertFalse(a.isSecure());
        // The session keeps its own copy for further streams of the call (§4.4.3) until its owner destroys it.
        org.junit.jupiter.api.Assertions.assertArrayEquals(sessionCopy, session.zrtpSess().bytes());

        // Whatever the peer sends now (here: its Hello again, and a Ping) gets no answer.
        assertEquals(Outputs.NONE.list(), a.handle(new Input.Received(l.b.sent.get(0)), 1L).list());
        assertEquals(Outputs.NONE.list(), a.handle(new Input.TimerFired(ZrtpEndpoint.TIMER_T1), 2L).list());
        assertEquals(Outputs.NONE.list(), a.sasVerified(true).list());
    }

    @Test
    void closingMidExchangeCancelsTheRetransmissionTimer() {
        ZrtpConfig c = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.DH3K));
        ZrtpEndpoint a = ZrtpEndpoint.create(c, InMemoryZidCache.withRandomZid(ZrtpEndpointTest.seeded(3)), 0x1111,
                ZrtpEndpointTest.seeded(4), ZrtpEndpointTest.CLOCK);
        Outputs started = a.start(0);
        assertTrue(started.list().stream().anyMatch(o -> o instanceof Output.ArmTimer t && t.id().equals(ZrtpEndpoint.TIMER_T1)));

        Outputs closed = a.close();

        assertTrue(closed.list().contains(new Output.CancelTimer(ZrtpEndpoint.TIMER_T1)), closed.list().toString());
        assertEquals("Closed", a.phase());
        assertTrue(a.srtpSecrets().isEmpty());
    }
}
