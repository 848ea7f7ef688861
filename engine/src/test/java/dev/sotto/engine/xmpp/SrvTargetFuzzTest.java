package dev.sotto.engine.xmpp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Random;

/**
 * SRV RDATA comes from DNS, which an attacker on the path can answer: parsing and ordering any bytes must throw
 * nothing (DESIGN.md, Rules). Plain {@code mvn test} replays the committed corpus.
 */
class SrvTargetFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] rdata) {
        SrvTarget t = SrvTarget.parse(rdata);
        if (t != null) {
            if (t.port() < 0 || t.port() > 65535 || t.host().isEmpty()) {
                throw new AssertionError("parsed an impossible target");
            }
            SrvTarget.order(List.of(t, t), new Random(rdata.length));
        }
    }
}
