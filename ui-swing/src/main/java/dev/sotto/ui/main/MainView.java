package dev.sotto.ui.main;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.EngineState;
import dev.sotto.engine.HistoryEntry;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PresenceShow;
import dev.sotto.engine.xmpp.RosterItem;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.collections.api.factory.Maps;
import org.eclipse.collections.api.factory.Sets;
import org.eclipse.collections.api.map.ImmutableMap;
import org.eclipse.collections.api.set.ImmutableSet;

/**
 * The main window's view model: a fold of the engine's state at start and of every bus event after it
 * (DESIGN.md: projections are folds). Immutable; {@link #apply} returns the next view. It reads events only.
 *
 * @param accounts  every account with its connection state
 * @param contacts  every account's contacts (and strangers who wrote), by conversation
 * @param requests  subscription requests waiting for an answer
 * @param open      the conversation the user is reading, whose messages do not count as unread
 */
public record MainView(ImmutableMap<Jid, AccountRow> accounts, ImmutableMap<Conversation, ContactRow> contacts,
        ImmutableSet<Conversation> requests, Conversation open) {

    public static final MainView EMPTY = new MainView(Maps.immutable.empty(), Maps.immutable.empty(),
            Sets.immutable.empty(), null);

    /** The view of a freshly replayed engine: everything offline, nothing unread. */
    public static MainView of(EngineState state) {
        MainView view = EMPTY;
        for (Jid account : state.accounts().keysView()) {
            view = view.withAccount(new AccountRow(account, ConnectionState.OFFLINE, ""));
            for (RosterItem item : state.roster(account).valuesView()) {
                view = view.withRosterItem(account, item);
            }
            ImmutableSet<Jid> pending = state.pendingSubscriptions().get(account);
            if (pending != null) {
                for (Jid from : pending) {
                    view = view.withRequests(view.requests.newWith(new Conversation(account, from)));
                }
            }
        }
        for (Conversation c : state.histories().keysView()) {
            if (view.accounts.containsKey(c.account()) && !view.contacts.containsKey(c)) {
                view = view.withContacts(view.contacts.newWithKeyValue(c, new ContactRow(c, null, false, Map.of(), 0)));
            }
        }
        return view;
    }

    /** The next view after a bus event; events the main window does not show change nothing. */
    public MainView apply(Object event) {
        if (event instanceof AccountEvent.AccountAdded a) {
            // The user's connect may have been shown before the bus delivered the event: keep that state.
            return accounts.containsKey(a.account()) ? this
                    : withAccount(new AccountRow(a.account(), ConnectionState.OFFLINE, ""));
        }
        if (event instanceof AccountEvent.AccountRemoved r) {
            ImmutableMap<Conversation, ContactRow> kept = contacts.reject((c, row) -> c.account().equals(r.account()));
            return new MainView(accounts.newWithoutKey(r.account()), kept,
                    requests.reject(c -> c.account().equals(r.account())), open);
        }
        if (Notifier.unstoredPrivate(event)) {
            dev.sotto.engine.otr.OtrAccountEvent.ChatMessage m = (dev.sotto.engine.otr.OtrAccountEvent.ChatMessage) event;
            return accounts.containsKey(m.account()) ? withMessageFrom(new Conversation(m.account(), m.contact())) : this;
        }
        if (event instanceof XmppEvent x && !accounts.containsKey(x.account().bare())) {
            return this;
        }
        if (event instanceof XmppEvent.Connected c) {
            return withAccount(new AccountRow(c.account().bare(), ConnectionState.ONLINE, ""));
        }
        if (event instanceof XmppEvent.Disconnected d) {
            ConnectionState state = d.retry() && !"closed-by-user".equals(d.reason())
                    ? ConnectionState.RECONNECTING : ConnectionState.OFFLINE;
            MainView v = withAccount(new AccountRow(d.account().bare(), state,
                    "closed-by-user".equals(d.reason()) ? "" : d.reason()));
            return v.withoutPresences(d.account().bare());
        }
        if (event instanceof XmppEvent.AuthenticationFailed f) {
            return withAccount(new AccountRow(f.account().bare(), ConnectionState.FAILED, "authentication failed"));
        }
        if (event instanceof XmppEvent.CertificateUntrusted u) {
            return withAccount(new AccountRow(u.account().bare(), ConnectionState.FAILED, "certificate not trusted"));
        }
        if (event instanceof XmppEvent.RosterItemChanged r) {
            return withRosterItem(r.account().bare(), r.item());
        }
        if (event instanceof XmppEvent.PresenceReceived p) {
            return withPresence(p);
        }
        if (event instanceof XmppEvent.SubscriptionRequested s) {
            return withRequests(requests.newWith(new Conversation(s.account(), s.from())));
        }
        if (event instanceof XmppEvent.SubscriptionAnswered s) {
            return withRequests(requests.newWithout(new Conversation(s.account(), s.contact())));
        }
        if (event instanceof XmppEvent.MessageReceived m) {
            if (m.body().startsWith("?OTR")) {
                return this; // an OTR wire message, not something to read (DESIGN.md)
            }
            return withMessageFrom(new Conversation(m.account(), m.from()));
        }
        return this;
    }

    /** The account is connecting (a command the user gave; no event says so). */
    public MainView connecting(Jid account) {
        return withAccount(new AccountRow(account.bare(), ConnectionState.CONNECTING, ""));
    }

    /** The user reads {@code conversation} (or nothing, {@code null}): its unread count drops to zero. */
    public MainView opened(Conversation conversation) {
        MainView v = new MainView(accounts, contacts, requests, conversation);
        ContactRow row = conversation == null ? null : contacts.get(conversation);
        return row == null || row.unread() == 0 ? v : v.withContacts(contacts.newWithKeyValue(conversation, row.withUnread(0)));
    }

    /** Accounts sorted by JID. */
    public List<AccountRow> accountList() {
        return accounts.valuesView().toSortedList(Comparator.comparing(r -> r.account().toString()));
    }

    /** Contacts: online first, then by name, then by account. */
    public List<ContactRow> contactList() {
        return contacts.valuesView().toSortedList(Comparator
                .comparing((ContactRow r) -> r.best().show() == PresenceShow.UNAVAILABLE)
                .thenComparing(r -> r.displayName().toLowerCase(java.util.Locale.ROOT))
                .thenComparing(r -> r.conversation().account().toString()));
    }

    /** Requests sorted by contact. */
    public List<Conversation> requestList() {
        return requests.toSortedList(Comparator.comparing((Conversation c) -> c.contact().toString())
                .thenComparing(c -> c.account().toString()));
    }

    /** Sum of unread messages. */
    public int unreadTotal() {
        return (int) contacts.valuesView().sumOfInt(ContactRow::unread);
    }

    private MainView withAccount(AccountRow row) {
        return new MainView(accounts.newWithKeyValue(row.account(), row), contacts, requests, open);
    }

    private MainView withContacts(ImmutableMap<Conversation, ContactRow> c) {
        return new MainView(accounts, c, requests, open);
    }

    private MainView withRequests(ImmutableSet<Conversation> r) {
        return new MainView(accounts, contacts, r, open);
    }

    private MainView withRosterItem(Jid account, RosterItem item) {
        Conversation c = new Conversation(account, item.jid());
        ContactRow old = contacts.get(c);
        if ("remove".equals(item.subscription())) {
            return old == null ? this : withContacts(contacts.newWithoutKey(c));
        }
        ContactRow row = new ContactRow(c, item.name(), true, old == null ? Map.of() : old.resources(),
                old == null ? 0 : old.unread());
        return withContacts(contacts.newWithKeyValue(c, row));
    }

    private MainView withPresence(XmppEvent.PresenceReceived p) {
        Conversation c = new Conversation(p.account(), p.from());
        if (c.contact().equals(c.account())) {
            return this; // our own other resources
        }
        ContactRow old = contacts.get(c);
        if (old == null) {
            return this; // presence of someone not in the roster is not shown
        }
        Map<String, ContactRow.Presence> r = new HashMap<>(old.resources());
        String resource = p.from().resource() == null ? "" : p.from().resource();
        if (p.show() == PresenceShow.UNAVAILABLE) {
            r.remove(resource);
        } else {
            r.put(resource, new ContactRow.Presence(p.show(), p.status() == null ? "" : p.status(), p.priority()));
        }
        return withContacts(contacts.newWithKeyValue(c, old.withResources(r)));
    }

    private MainView withoutPresences(Jid account) {
        ImmutableMap<Conversation, ContactRow> c = contacts.collectValues((k, row) ->
                k.account().equals(account) && !row.resources().isEmpty() ? row.withResources(Map.of()) : row);
        return withContacts(c);
    }

    private MainView withMessageFrom(Conversation c) {
        ContactRow old = contacts.get(c);
        if (old == null) {
            old = new ContactRow(c, null, false, Map.of(), 0);
        }
        int unread = c.equals(open) ? 0 : old.unread() + 1;
        return withContacts(contacts.newWithKeyValue(c, old.withUnread(unread)));
    }

    /** Whether a history entry is a message to show (not a failure notice). Used by the chat view. */
    static boolean isMessage(HistoryEntry e) {
        return e.event() instanceof XmppEvent.MessageSent || e.event() instanceof XmppEvent.MessageReceived;
    }

    @Override
    public String toString() {
        return "MainView[" + accounts.size() + " accounts, " + contacts.size() + " contacts, " + requests.size()
                + " requests]";
    }
}
