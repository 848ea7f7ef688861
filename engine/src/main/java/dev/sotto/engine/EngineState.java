package dev.sotto.engine;

import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import java.time.Instant;
import java.util.Set;
import org.eclipse.collections.api.factory.Lists;
import org.eclipse.collections.api.factory.Maps;
import org.eclipse.collections.api.factory.Sets;
import org.eclipse.collections.api.list.ImmutableList;
import org.eclipse.collections.api.map.ImmutableMap;
import org.eclipse.collections.api.set.ImmutableSet;

/**
 * The engine's projection of the durable events (DESIGN.md, Projections are folds): accounts with their pins,
 * rosters, pending subscription requests and conversation histories, as an immutable snapshot. {@link #apply}
 * returns the next snapshot; it reads nothing but the event.
 *
 * @param accounts the configured accounts by bare JID
 * @param rosters each account's roster by contact bare JID
 * @param pendingSubscriptions contacts waiting for an answer to their subscription request, per account
 * @param histories the durable message events of each conversation, oldest first
 */
public record EngineState(ImmutableMap<Jid, XmppAccount> accounts, ImmutableMap<Jid, ImmutableMap<Jid, RosterItem>> rosters,
        ImmutableMap<Jid, ImmutableSet<Jid>> pendingSubscriptions,
        ImmutableMap<Conversation, ImmutableList<HistoryEntry>> histories) {

    public static final EngineState EMPTY = new EngineState(Maps.immutable.empty(), Maps.immutable.empty(),
            Maps.immutable.empty(), Maps.immutable.empty());

    /** The roster of {@code account} (empty when unknown). */
    public ImmutableMap<Jid, RosterItem> roster(Jid account) {
        ImmutableMap<Jid, RosterItem> r = rosters.get(account.bare());
        return r == null ? Maps.immutable.empty() : r;
    }

    /** The history of one conversation (empty when none). */
    public ImmutableList<HistoryEntry> history(Jid account, Jid contact) {
        ImmutableList<HistoryEntry> h = histories.get(new Conversation(account, contact));
        return h == null ? Lists.immutable.empty() : h;
    }

    /** The next snapshot after {@code event}, recorded at {@code at}. Unknown events change nothing. */
    public EngineState apply(DurableEvent event, Instant at) {
        if (event instanceof AccountEvent.AccountAdded a) {
            XmppAccount acc = new XmppAccount(a.account(), a.password(), a.host(), a.port(), a.tlsPolicy(), Set.of(),
                    a.resource());
            return withAccounts(accounts.newWithKeyValue(a.account(), acc));
        }
        if (event instanceof AccountEvent.AccountChanged c) {
            XmppAccount old = accounts.get(c.account());
            XmppAccount acc = new XmppAccount(c.account(), c.password(), c.host(), c.port(), c.tlsPolicy(),
                    old == null ? Set.of() : old.pinnedSha256(), c.resource());
            return withAccounts(accounts.newWithKeyValue(c.account(), acc));
        }
        if (event instanceof AccountEvent.AccountRemoved r) {
            return new EngineState(accounts.newWithoutKey(r.account()), rosters.newWithoutKey(r.account()),
                    pendingSubscriptions.newWithoutKey(r.account()), histories);
        }
        if (event instanceof AccountEvent.CertificatePinned p) {
            XmppAccount old = accounts.get(p.account());
            return old == null ? this : withAccounts(accounts.newWithKeyValue(p.account(), old.withPin(p.sha256())));
        }
        if (event instanceof XmppEvent.RosterItemChanged c) {
            ImmutableMap<Jid, RosterItem> r = roster(c.account());
            Jid contact = c.item().jid().bare();
            r = c.item().subscription().equals("remove") ? r.newWithoutKey(contact) : r.newWithKeyValue(contact, c.item());
            return new EngineState(accounts, rosters.newWithKeyValue(c.account(), r), pendingSubscriptions, histories);
        }
        if (event instanceof XmppEvent.SubscriptionRequested s) {
            return withPending(s.account(), pending(s.account()).newWith(s.from().bare()));
        }
        if (event instanceof XmppEvent.SubscriptionAnswered s) {
            return withPending(s.account(), pending(s.account()).newWithout(s.contact().bare()));
        }
        if (event instanceof XmppEvent.MessageSent m) {
            return withHistory(new Conversation(m.account(), m.to()), new HistoryEntry(at, m));
        }
        if (event instanceof XmppEvent.MessageReceived m) {
            return withHistory(new Conversation(m.account(), m.from()), new HistoryEntry(at, m));
        }
        if (event instanceof XmppEvent.MessageFailed m) {
            return withHistory(new Conversation(m.account(), m.to()), new HistoryEntry(at, m));
        }
        return this;
    }

    private ImmutableSet<Jid> pending(Jid account) {
        ImmutableSet<Jid> p = pendingSubscriptions.get(account);
        return p == null ? Sets.immutable.empty() : p;
    }

    private EngineState withAccounts(ImmutableMap<Jid, XmppAccount> a) {
        return new EngineState(a, rosters, pendingSubscriptions, histories);
    }

    private EngineState withPending(Jid account, ImmutableSet<Jid> p) {
        return new EngineState(accounts, rosters, pendingSubscriptions.newWithKeyValue(account, p), histories);
    }

    private EngineState withHistory(Conversation c, HistoryEntry e) {
        ImmutableList<HistoryEntry> h = histories.get(c);
        h = h == null ? Lists.immutable.of(e) : h.newWith(e);
        return new EngineState(accounts, rosters, pendingSubscriptions, histories.newWithKeyValue(c, h));
    }

    @Override
    public String toString() {
        return "EngineState[" + accounts.size() + " accounts, " + histories.size() + " conversations]";
    }
}
