package dev.sotto.engine.otr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Jazzer target over the account-level receive path: a private account gets the input as a message body from its
 * contact's resource, from another resource, as a carbon, as a delayed message, as an encoded message and as a
 * fragment; the timers it arms then fire. Nothing may be thrown.
 */
class OtrMessagingFuzzTest {

    private static final OtrNet NET = new OtrNet(OtrFixtures.random(7));
    private static final OtrNet.Endpoint[] PAIR = pair();

    private static OtrNet.Endpoint[] pair() {
        OtrNet.Endpoint a = NET.login("alice@example.org/desk", 0,
                OtrMessagingConfig.DEFAULTS.withMaxMessageSize(200), List.of());
        OtrNet.Endpoint b = NET.login("bob@example.org/phone", 1,
                OtrMessagingConfig.DEFAULTS.withMaxMessageSize(200), List.of());
        a.apply(a.messaging.startPrivate(Jid.parse("bob@example.org"), NET.now));
        NET.pump();
        return new OtrNet.Endpoint[] {a, b};
    }

    @FuzzTest
    void receivePath(byte[] input) {
        OtrNet.Endpoint b = PAIR[1];
        String text = new String(input, StandardCharsets.UTF_8);
        String encoded = "?OTR:" + Base64.getEncoder().encodeToString(input) + ".";
        Jid account = b.full.bare();
        Jid alice = Jid.parse("alice@example.org/desk");
        Jid other = Jid.parse("alice@example.org/other");
        for (String body : new String[] {text, encoded, "?OTR|00000100|00000100,00001,00002," + encoded + ","}) {
            b.messaging.receive(new XmppEvent.MessageReceived(account, alice, "f", null, "chat", body, b.full, null,
                    null, List.of()), NET.now);
            b.messaging.receive(new XmppEvent.MessageReceived(account, other, "f", null, "normal", body, null,
                    "2026-01-01T00:00:00Z", null, List.of()), NET.now);
            b.messaging.receive(new XmppEvent.MessageReceived(account, b.full, "f", null, "chat", body, alice, null,
                    "sent", List.of()), NET.now);
            b.messaging.receive(new XmppEvent.MessageReceived(account, alice, "f", null, "chat", body, null, null,
                    "received", List.of()), NET.now);
        }
        for (OtrAccountOutput o : b.messaging.timerFired(OtrMessaging.TIMER_FRAGMENTS + "alice@example.org",
                NET.now)) {
            if (o == null) {
                throw new AssertionError("null output");
            }
        }
    }
}
