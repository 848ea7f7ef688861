package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.xmpp.Jid;
import org.junit.jupiter.api.Test;

/**
 * {@link OtrConversation#userState()}, what the chat toolbar shows (issue 10): private while the preferred instance
 * is, MSGSTATE_FINISHED after the correspondent ended it (OTR v3 "Protocol state"), plaintext after we end it.
 */
class OtrUserStateTest {

    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");

    private final long seed = OtrFixtures.seed();
    private final OtrNet net = new OtrNet(OtrFixtures.random(seed));

    @Test
    void privateThenFinishedWhenThePeerEndsThenPlaintextWhenWeEnd() {
        OtrNet.Endpoint a = net.login("alice@example.org/desk", 0);
        OtrNet.Endpoint b = net.login("bob@example.org/phone", 1);
        assertThat(a.messaging.conversation(BOB)).isNull();
        a.apply(a.messaging.startPrivate(BOB, net.now));
        net.pump();
        assertThat(a.messaging.conversation(BOB).userState()).as("seed " + seed).isInstanceOf(EncryptedState.class);
        b.apply(b.messaging.endPrivate(ALICE, net.now));
        net.pump();
        assertThat(b.messaging.conversation(ALICE).userState()).isInstanceOf(PlaintextState.class);
        assertThat(a.messaging.conversation(BOB).userState()).as("seed " + seed).isInstanceOf(FinishedState.class);
        // current() (where messages go) is no longer the finished instance; userState() still tells the user.
        assertThat(a.messaging.conversation(BOB).current().messageState()).isNotInstanceOf(EncryptedState.class);
        a.apply(a.messaging.endPrivate(BOB, net.now));
        net.pump();
        assertThat(a.messaging.conversation(BOB).userState()).isInstanceOf(PlaintextState.class);
    }
}
