package dev.sotto.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import org.junit.jupiter.api.Test;

/**
 * The start-up's warm-up of an unlock's replay (issue 10): the made-up events go through the log's open walk into an
 * engine replay and fold into the state they describe (so the warm-up runs the code an unlock runs, not a shortcut).
 */
class ReplayWarmUpTest {

    @Test
    void theMadeUpEventsFoldIntoTheirState() {
        int records = 1000; // one walk
        ReplayWarmUp.Result result = ReplayWarmUp.replay(records, () -> false);
        assertThat(result.events()).isEqualTo(records);

        EngineState state = result.lastState();
        Jid account = Jid.parse("warm-up@warm-up.invalid");
        int streams = ReplayWarmUp.CONVERSATIONS + 1; // the conversations, then the account's stream
        int rosterEvents = 0;
        int[] messages = new int[ReplayWarmUp.CONVERSATIONS];
        for (int i = 0; i < records; i++) {
            int s = Math.floorMod(7 * i, streams);
            if (s == ReplayWarmUp.CONVERSATIONS) {
                rosterEvents++;
            } else {
                messages[s]++;
            }
        }
        assertThat(rosterEvents).isGreaterThanOrEqualTo(ReplayWarmUp.CONVERSATIONS);
        assertThat(state.roster(account)).hasSize(ReplayWarmUp.CONVERSATIONS);
        for (int c = 0; c < ReplayWarmUp.CONVERSATIONS; c++) {
            Jid contact = Jid.parse("contact" + c + "@warm-up.invalid");
            var history = state.history(account, contact);
            assertThat(history).as("contact %d", c).hasSize(messages[c]);
            assertThat(history.allSatisfy(e -> e.event() instanceof XmppEvent.MessageSent m && m.to().equals(contact)
                    || e.event() instanceof XmppEvent.MessageReceived r && r.from().bare().equals(contact))).isTrue();
        }
    }

    @Test
    void stopsWhenTold() {
        assertThat(ReplayWarmUp.replay(5000, () -> true).events()).isZero();
    }
}
