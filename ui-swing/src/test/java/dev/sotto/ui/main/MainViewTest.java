package dev.sotto.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.EngineState;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PresenceShow;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The main window's fold, event by event. */
class MainViewTest {
    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");
    private static final Jid BOB_PHONE = Jid.parse("bob@example.org/phone");
    private static final Jid BOB_DESK = Jid.parse("bob@example.org/desk");
    private static final Conversation WITH_BOB = new Conversation(ALICE, BOB);

    private static MainView withAliceAndBob() {
        EngineState state = EngineState.EMPTY
                .apply(new AccountEvent.AccountAdded(ALICE, Secret.ofUtf8("pw"), null, 5222, TlsPolicy.REQUIRED, null),
                        Instant.EPOCH)
                .apply(new XmppEvent.RosterItemChanged(ALICE, new RosterItem(BOB, "Bob", "both", false, List.of())),
                        Instant.EPOCH);
        return MainView.of(state);
    }

    @Test
    void replayedStateShowsAccountsOfflineAndContactsUnavailable() {
        MainView view = withAliceAndBob();
        assertThat(view.accountList()).containsExactly(new AccountRow(ALICE, ConnectionState.OFFLINE, ""));
        assertThat(view.contactList()).hasSize(1);
        ContactRow bob = view.contactList().get(0);
        assertThat(bob.displayName()).isEqualTo("Bob");
        assertThat(bob.best().show()).isEqualTo(PresenceShow.UNAVAILABLE);
        assertThat(bob.unread()).isZero();
    }

    @Test
    void connectionStatesFollowTheEvents() {
        MainView view = withAliceAndBob().connecting(ALICE);
        assertThat(view.accounts().get(ALICE).state()).isEqualTo(ConnectionState.CONNECTING);
        view = view.apply(new XmppEvent.Connected(ALICE, Jid.parse("alice@example.org/x")));
        assertThat(view.accounts().get(ALICE).state()).isEqualTo(ConnectionState.ONLINE);
        view = view.apply(new XmppEvent.Disconnected(ALICE, "connection-lost", true));
        assertThat(view.accounts().get(ALICE)).isEqualTo(
                new AccountRow(ALICE, ConnectionState.RECONNECTING, "connection-lost"));
        view = view.apply(new XmppEvent.AuthenticationFailed(ALICE, "not-authorized", true));
        assertThat(view.accounts().get(ALICE).state()).isEqualTo(ConnectionState.FAILED);
        view = view.apply(new XmppEvent.Disconnected(ALICE, "closed-by-user", false));
        assertThat(view.accounts().get(ALICE)).isEqualTo(new AccountRow(ALICE, ConnectionState.OFFLINE, ""));
    }

    @Test
    void presenceIsTrackedPerResourceAndTheHighestPriorityWins() {
        MainView view = withAliceAndBob()
                .apply(new XmppEvent.PresenceReceived(ALICE, BOB_PHONE, PresenceShow.AWAY, "on the road", 0))
                .apply(new XmppEvent.PresenceReceived(ALICE, BOB_DESK, PresenceShow.DND, "busy", 5));
        assertThat(view.contacts().get(WITH_BOB).best().show()).isEqualTo(PresenceShow.DND);
        assertThat(view.contacts().get(WITH_BOB).best().status()).isEqualTo("busy");
        view = view.apply(new XmppEvent.PresenceReceived(ALICE, BOB_DESK, PresenceShow.UNAVAILABLE, null, 0));
        assertThat(view.contacts().get(WITH_BOB).best().show()).isEqualTo(PresenceShow.AWAY);
        view = view.apply(new XmppEvent.Disconnected(ALICE, "connection-lost", true));
        assertThat(view.contacts().get(WITH_BOB).best().show()).as("no presence survives our own drop")
                .isEqualTo(PresenceShow.UNAVAILABLE);
    }

    @Test
    void unreadCountsGrowUntilTheConversationIsOpenAndOtrWireMessagesDoNotCount() {
        MainView view = withAliceAndBob()
                .apply(new XmppEvent.MessageReceived(ALICE, BOB_PHONE, "1", null, "chat", "hi"))
                .apply(new XmppEvent.MessageReceived(ALICE, BOB_PHONE, "2", null, "chat", "there"))
                .apply(new XmppEvent.MessageReceived(ALICE, BOB_PHONE, "3", null, "chat", "?OTR:AAMD"));
        assertThat(view.contacts().get(WITH_BOB).unread()).isEqualTo(2);
        assertThat(view.unreadTotal()).isEqualTo(2);
        view = view.opened(WITH_BOB);
        assertThat(view.contacts().get(WITH_BOB).unread()).isZero();
        view = view.apply(new XmppEvent.MessageReceived(ALICE, BOB_PHONE, "4", null, "chat", "read at once"));
        assertThat(view.contacts().get(WITH_BOB).unread()).isZero();
        view = view.opened(null).apply(new XmppEvent.MessageReceived(ALICE, BOB_PHONE, "5", null, "chat", "later"));
        assertThat(view.contacts().get(WITH_BOB).unread()).isEqualTo(1);
    }

    @Test
    void aStrangerWhoWritesAppearsOutsideTheRoster() {
        Jid carol = Jid.parse("carol@example.org/x");
        MainView view = withAliceAndBob().apply(new XmppEvent.MessageReceived(ALICE, carol, "1", null, "chat", "hey"));
        ContactRow row = view.contacts().get(new Conversation(ALICE, carol));
        assertThat(row.inRoster()).isFalse();
        assertThat(row.unread()).isEqualTo(1);
    }

    @Test
    void subscriptionRequestsComeAndGoAndRemovingAnAccountRemovesItsRows() {
        Jid carol = Jid.parse("carol@example.org");
        MainView view = withAliceAndBob().apply(new XmppEvent.SubscriptionRequested(ALICE, carol));
        assertThat(view.requestList()).containsExactly(new Conversation(ALICE, carol));
        MainView answered = view.apply(new XmppEvent.SubscriptionAnswered(ALICE, carol, true));
        assertThat(answered.requestList()).isEmpty();
        MainView removed = view.apply(new AccountEvent.AccountRemoved(ALICE));
        assertThat(removed.accounts().isEmpty()).isTrue();
        assertThat(removed.contacts().isEmpty()).isTrue();
        assertThat(removed.requests().isEmpty()).isTrue();
    }

    @Test
    void rosterRemovalDropsTheContact() {
        MainView view = withAliceAndBob()
                .apply(new XmppEvent.RosterItemChanged(ALICE, new RosterItem(BOB, null, "remove", false, List.of())));
        assertThat(view.contacts().isEmpty()).isTrue();
    }
}
