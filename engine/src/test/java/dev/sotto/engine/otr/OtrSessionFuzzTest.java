package dev.sotto.engine.otr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Jazzer target over a live session's receive path: an encrypted session (and one mid-AKE) gets the input as
 * a chat body, as the binary of an encoded message, and as a fragment. Nothing may be thrown.
 */
class OtrSessionFuzzTest {

    private static final Party[] PAIR = pair();
    private static final OtrSession AWAITING_DH_KEY = awaitingDhKey();

    private static Party[] pair() {
        Party a = new Party(OtrConfig.of(0x1000, OtrFixtures.key(0)).withPolicy(OtrPolicy.MANUAL.withV2(true)),
                OtrFixtures.random(1));
        Party b = new Party(OtrConfig.of(0x2000, OtrFixtures.key(1)).withPolicy(OtrPolicy.MANUAL.withV2(true)),
                OtrFixtures.random(2));
        a.apply(a.session.start(a.now));
        Party.pump(a, b);
        return new Party[] {a, b};
    }

    private static OtrSession awaitingDhKey() {
        Party p = new Party(OtrConfig.of(0x3000, OtrFixtures.key(2)).withPolicy(OtrPolicy.MANUAL.withV2(true)),
                OtrFixtures.random(3));
        p.receive("?OTRv23?");
        return p.session;
    }

    @FuzzTest
    void receivePath(byte[] input) {
        Party b = PAIR[1];
        String text = new String(input, StandardCharsets.UTF_8);
        String encoded = "?OTR:" + Base64.getEncoder().encodeToString(input) + ".";
        for (OtrSession s : new OtrSession[] {b.session, AWAITING_DH_KEY}) {
            s.receive(text, b.now, b.random);
            s.receive(encoded, b.now, b.random);
            s.receive("?OTR|00001000|00002000,00001,00001," + encoded + ",", b.now, b.random);
        }
    }
}
