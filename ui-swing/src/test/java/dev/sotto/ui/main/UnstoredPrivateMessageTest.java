package dev.sotto.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.EngineState;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.otr.OtrAccountEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a private message the OTR layer shows but does not store (keep no history, the default) has no durable
 * {@code MessageReceived}; it still counts as unread and still notifies, by sender only. A stored one counts once
 * (through its durable copy), and our own or carboned messages never count.
 */
class UnstoredPrivateMessageTest {
    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");
    private static final Jid BOB_PHONE = Jid.parse("bob@example.org/phone");
    private static final Conversation WITH_BOB = new Conversation(ALICE, BOB);

    private static OtrAccountEvent.ChatMessage message(boolean outgoing, boolean store, boolean carbon) {
        return new OtrAccountEvent.ChatMessage(ALICE, BOB, BOB_PHONE, "id", outgoing, "the vault code is 1234", true,
                store, false, carbon, Instant.EPOCH);
    }

    private static MainView view() {
        return MainView.of(EngineState.EMPTY
                .apply(new AccountEvent.AccountAdded(ALICE, Secret.ofUtf8("pw"), null, 5222, TlsPolicy.REQUIRED, null),
                        Instant.EPOCH)
                .apply(new XmppEvent.RosterItemChanged(ALICE, new RosterItem(BOB, "Bob", "both", false, List.of())),
                        Instant.EPOCH));
    }

    @Test
    void anUnstoredPrivateMessageCountsAsUnreadOnce() {
        MainView v = view().apply(message(false, false, false));
        assertThat(v.contacts().get(WITH_BOB).unread()).isEqualTo(1);
        // Stored: the durable MessageReceived that follows is what counts, not the live copy.
        v = v.apply(message(false, true, false));
        assertThat(v.contacts().get(WITH_BOB).unread()).isEqualTo(1);
        v = v.apply(new XmppEvent.MessageReceived(ALICE, BOB_PHONE, "id2", null, "chat", "stored"));
        assertThat(v.contacts().get(WITH_BOB).unread()).isEqualTo(2);
        v = v.apply(message(true, false, false)).apply(message(false, false, true));
        assertThat(v.contacts().get(WITH_BOB).unread()).as("ours and carbons do not count").isEqualTo(2);
    }

    @Test
    void anUnstoredPrivateMessageNotifiesBySenderOnly() {
        assertThat(Notifier.shouldNotify(message(false, false, false), false)).isTrue();
        assertThat(Notifier.shouldNotify(message(false, false, false), true)).isFalse();
        assertThat(Notifier.shouldNotify(message(false, true, false), false)).as("its stored copy notifies").isFalse();
        assertThat(Notifier.shouldNotify(message(true, false, false), false)).isFalse();
        assertThat(Notifier.text(message(false, false, false))).isEqualTo("New message from bob@example.org")
                .doesNotContain("1234");
    }
}
