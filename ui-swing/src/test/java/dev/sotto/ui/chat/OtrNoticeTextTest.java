package dev.sotto.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.otr.OtrAccountEvent;
import dev.sotto.engine.otr.OtrNotice;
import dev.sotto.engine.xmpp.Jid;
import org.junit.jupiter.api.Test;

/** The conversation's in-line notices for OTR events (issue 10). */
class OtrNoticeTextTest {
    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");

    private static String text(OtrNotice n) {
        return OtrNoticeText.of(new OtrAccountEvent.Notice(ALICE, BOB, null, n), "bob@example.org");
    }

    @Test
    void smpResultsSayWhatHappened() {
        assertThat(text(new OtrNotice.SmpResult(true))).startsWith("Authentication succeeded");
        assertThat(text(new OtrNotice.SmpResult(false))).startsWith("Authentication failed").contains("not verified");
        assertThat(text(new OtrNotice.SmpAborted(true))).isEqualTo("Authentication aborted by you.");
        assertThat(text(new OtrNotice.SmpAborted(false))).isEqualTo("Authentication aborted by bob@example.org.");
        assertThat(text(new OtrNotice.SmpCheated("g2a"))).contains("failed a check").contains("g2a");
        assertThat(text(new OtrNotice.SmpRequested("Where?"))).contains("with a question");
        assertThat(text(new OtrNotice.SmpRequested(null))).contains("shared secret");
    }

    @Test
    void sessionChangesAndProblemsAreShownChatterIsNot() {
        assertThat(text(new OtrNotice.PeerEnded())).startsWith("bob@example.org ended the private conversation");
        assertThat(text(new OtrNotice.WentPlaintext())).startsWith("Private conversation ended");
        assertThat(text(new OtrNotice.UnreadableMessage("bad MAC"))).contains("could not be read (bad MAC)");
        assertThat(text(new OtrNotice.Ignored("carbon copy of an OTR message"))).isNull();
        assertThat(text(new OtrNotice.AkeProgress("awaiting DH key"))).isNull();
        assertThat(OtrNoticeText.of(new OtrAccountEvent.SendFailed(ALICE, BOB, "1", "no private conversation in time"),
                "bob@example.org")).isEqualTo("A message was not sent: no private conversation in time.");
    }

    @Test
    void theContactsErrorTextIsShownButBounded() {
        String longText = "x".repeat(5_000);
        String shown = text(new OtrNotice.ErrorReceived(longText));
        assertThat(shown).startsWith("OTR error reported by bob@example.org: xxx").hasSizeLessThan(300);
    }
}
