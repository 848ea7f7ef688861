package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.xmpp.Jid;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random conversations of alice with bob logged in twice, with carbon copies and delayed re-deliveries of
 * earlier messages injected: every message reaches exactly one right reader, nothing crosses the wire in clear,
 * and no OTR Error Message is ever sent. The seed prints on failure ({@code -Dsotto.test.seed=} replays it).
 */
class OtrMessagingPropertyTest {

    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");

    @Test
    void randomConversationsWithCarbonsAndStoredCopiesStayPrivateAndQuiet() {
        long seed = OtrFixtures.seed();
        Random r = new Random(seed);
        String why = "seed " + seed + " (-Dsotto.test.seed=" + seed + ")";
        for (int round = 0; round < 4; round++) {
            OtrNet net = new OtrNet(OtrFixtures.random(r.nextLong()));
            OtrNet.Endpoint a = net.login("alice@example.org/desk", 0);
            OtrNet.Endpoint b1 = net.login("bob@example.org/phone", 1);
            OtrNet.Endpoint b2 = net.login("bob@example.org/laptop", 1);
            a.apply(a.messaging.startPrivate(BOB, net.now));
            net.pump();
            int privateFrom = net.wire.size();
            List<String> toAlice = new ArrayList<>();
            List<String> toBob = new ArrayList<>();
            for (int step = 0; step < 60; step++) {
                int op = r.nextInt(10);
                String text = "m" + round + "-" + step + "-" + Long.toHexString(r.nextLong());
                if (op < 3) {
                    a.send(BOB, "a" + step, text);
                    toBob.add(text);
                } else if (op < 5) {
                    b1.send(ALICE, "p" + step, text);
                    toAlice.add(text);
                } else if (op < 7) {
                    b2.send(ALICE, "l" + step, text);
                    toAlice.add(text);
                } else if (op < 9 && !net.wire.isEmpty()) {
                    OtrNet.Wire old = net.wire.get(r.nextInt(net.wire.size()));
                    OtrNet.Endpoint target = List.of(a, b1, b2).get(r.nextInt(3));
                    net.carbon(target, old, r.nextBoolean() ? "received" : "sent");
                } else if (!net.wire.isEmpty()) {
                    OtrNet.Wire old = net.wire.get(r.nextInt(net.wire.size()));
                    net.deliver(old, "2026-11-26T11:00:00Z", null); // a stored copy of an old message
                }
                if (r.nextInt(3) == 0) {
                    net.pump();
                }
            }
            net.pump();
            String marker = "m" + round + "-";
            assertThat(a.received()).as(why).containsAll(toAlice);
            List<String> atBobs = new ArrayList<>(b1.received());
            atBobs.addAll(b2.received());
            for (String t : toBob) {
                assertThat(atBobs).as(why + ": " + t + " read by exactly one bob").containsOnlyOnce(t);
            }
            for (String t : toAlice) {
                assertThat(a.received()).as(why).containsOnlyOnce(t);
            }
            assertThat(net.errors()).as(why).isEmpty();
            assertThat(net.wire.subList(privateFrom, net.wire.size())).as(why)
                    .allSatisfy(w -> assertThat(w.body()).startsWith("?OTR").doesNotContain(marker));
        }
    }
}
