package dev.sotto.engine.xmpp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arbitrary server bytes into a session in each phase (after the stream header, after STARTTLS, during SASL,
 * when ready), in arbitrary chunks: nothing may be thrown (DESIGN.md, Rules: untrusted input never crashes us).
 * Plain {@code mvn test} replays the committed corpus.
 */
class XmppSessionFuzzTest {
    private static final Pattern ID = Pattern.compile("id='([^']+)'");

    @FuzzTest(maxDuration = "10s")
    void serverBytesInAnyPhase(FuzzedDataProvider data) {
        int phase = data.consumeInt(0, 3);
        long seed = data.consumeLong();
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, SessionDriver.Delivery.RANDOM_SPLITS, seed);
        d.start();
        d.feed(XmppSessionTest.HEADER);
        if (phase >= 1) {
            d.feed(XmppSessionTest.FEATURES_TLS + XmppSessionTest.PROCEED);
            d.tlsUp();
            d.feed(XmppSessionTest.HEADER);
        }
        if (phase >= 2) {
            d.feed("<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                    + "</mechanisms></stream:features>");
        }
        if (phase >= 3) {
            d.feed("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>" + XmppSessionTest.HEADER
                    + XmppSessionTest.FEATURES_BIND);
            Matcher m = ID.matcher(d.takeSent());
            if (m.find()) {
                d.feed("<iq type='result' id='" + m.group(1) + "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                        + "<jid>alice@localhost/desk</jid></bind></iq>");
            }
            if (d.session.phase() != Phase.READY) {
                throw new AssertionError("scripted PLAIN login did not reach READY");
            }
        }
        byte[] junk = data.consumeRemainingAsBytes();
        d.outputs.addAll(d.session.receive(junk, 0, junk.length, 99));
        d.outputs.addAll(d.session.timerFired(XmppSession.TIMER_KEEPALIVE, 100));
        d.outputs.addAll(d.session.connectionLost(101));
    }
}
