package dev.sotto.engine;

import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.collections.api.factory.Lists;
import org.eclipse.collections.api.factory.Maps;
import org.eclipse.collections.api.factory.Sets;
import org.eclipse.collections.api.list.ImmutableList;
import org.eclipse.collections.api.map.ImmutableMap;
import org.eclipse.collections.api.map.MutableMap;
import org.eclipse.collections.api.set.ImmutableSet;
import org.eclipse.collections.api.set.MutableSet;

/**
 * The engine's projection of the durable events (DESIGN.md, Projections are folds): accounts with their pins,
 * rosters, pending subscription requests and conversation histories, as an immutable snapshot. {@link #apply}
 * returns the next snapshot; it reads nothing but the event.
 *
 * @param accounts the configured accounts by bare JID
 * @param rosters each account's roster by contact bare JID
 * @param pendingSubscriptions contacts waiting for an answer to their subscription request, per account
 * @param histories the durable message events of each conversation, oldest first (what the replay filed is decoded
 *     when first read: {@link History})
 */
public record EngineState(ImmutableMap<Jid, XmppAccount> accounts, ImmutableMap<Jid, ImmutableMap<Jid, RosterItem>> rosters,
        ImmutableMap<Jid, ImmutableSet<Jid>> pendingSubscriptions,
        ImmutableMap<Conversation, History> histories) {

    public static final EngineState EMPTY = new EngineState(Maps.immutable.empty(), Maps.immutable.empty(),
            Maps.immutable.empty(), Maps.immutable.empty());

    /** The roster of {@code account} (empty when unknown). */
    public ImmutableMap<Jid, RosterItem> roster(Jid account) {
        ImmutableMap<Jid, RosterItem> r = rosters.get(account.bare());
        return r == null ? Maps.immutable.empty() : r;
    }

    /** The history of one conversation (empty when none); decodes what the replay filed, the first time. */
    public ImmutableList<HistoryEntry> history(Jid account, Jid contact) {
        History h = histories.get(new Conversation(account, contact));
        return h == null ? Lists.immutable.empty() : h.entries();
    }

    /**
     * The next snapshot after {@code event}, recorded at {@code at}. Unknown events change nothing (the same
     * snapshot is returned). The fold itself is {@link Builder#apply}; replay uses one builder for the whole
     * log instead of one snapshot per event.
     */
    public EngineState apply(DurableEvent event, Instant at) {
        Builder b = new Builder(this);
        return b.apply(event, at) ? b.build() : this;
    }

    /** A builder starting from this snapshot (for folding many events at once, e.g. a replay). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The one fold of durable events into the state (DESIGN.md, Projections are folds), on mutable collections.
     * A snapshot's collections are copied only when an event first touches them (copy on write, per account's
     * roster and per conversation's history), so {@link EngineState#apply} costs what one immutable update
     * costs, and a replay of n messages costs O(n) instead of the O(n²) of copying a conversation's history per
     * message (a live message copies only what its conversation got after the replay: {@link History}). {@link
     * #build} freezes the result; the builder stays usable afterwards. Not thread-safe.
     */
    public static final class Builder {
        private final EngineState origin;
        /** {@code null} until an event changes the component; then a mutable copy. */
        private MutableMap<Jid, XmppAccount> accounts;
        private MutableMap<Jid, ImmutableMap<Jid, RosterItem>> rosters;
        private MutableMap<Jid, ImmutableSet<Jid>> pending;
        private MutableMap<Conversation, History> histories;
        /** Inner collections opened for writing; their frozen copies in the maps above are stale until build. */
        private final Map<Jid, MutableMap<Jid, RosterItem>> openRosters = new HashMap<>();
        private final Map<Jid, MutableSet<Jid>> openPending = new HashMap<>();
        private final Map<Conversation, History.Builder> openHistories = new HashMap<>();

        private Builder(EngineState origin) {
            this.origin = origin;
        }

        /** Folds one event recorded at {@code at}; returns whether it changed anything. */
        public boolean apply(DurableEvent event, Instant at) {
            if (event instanceof AccountEvent.AccountAdded a) {
                XmppAccount acc = new XmppAccount(a.account(), a.password(), a.host(), a.port(), a.tlsPolicy(), Set.of(),
                        a.resource());
                accounts().put(a.account(), acc);
                return true;
            }
            if (event instanceof AccountEvent.AccountChanged c) {
                XmppAccount old = accounts().get(c.account());
                XmppAccount acc = new XmppAccount(c.account(), c.password(), c.host(), c.port(), c.tlsPolicy(),
                        old == null ? Set.of() : old.pinnedSha256(), c.resource());
                accounts().put(c.account(), acc);
                return true;
            }
            if (event instanceof AccountEvent.AccountRemoved r) {
                accounts().remove(r.account());
                rosters().remove(r.account());
                openRosters.remove(r.account());
                pending().remove(r.account());
                openPending.remove(r.account());
                return true;
            }
            if (event instanceof AccountEvent.CertificatePinned p) {
                XmppAccount old = accounts == null ? origin.accounts.get(p.account()) : accounts.get(p.account());
                if (old == null) {
                    return false;
                }
                accounts().put(p.account(), old.withPin(p.sha256()));
                return true;
            }
            if (event instanceof XmppEvent.RosterItemChanged c) {
                MutableMap<Jid, RosterItem> r = openRoster(c.account());
                Jid contact = c.item().jid().bare();
                if (c.item().subscription().equals("remove")) {
                    r.remove(contact);
                } else {
                    r.put(contact, c.item());
                }
                return true;
            }
            if (event instanceof XmppEvent.SubscriptionRequested s) {
                openPending(s.account()).add(s.from().bare());
                return true;
            }
            if (event instanceof XmppEvent.SubscriptionAnswered s) {
                openPending(s.account()).remove(s.contact().bare());
                return true;
            }
            if (event instanceof XmppEvent.MessageSent m) {
                openHistory(new Conversation(m.account(), m.to())).add(new HistoryEntry(at, m));
                return true;
            }
            if (event instanceof XmppEvent.MessageReceived m) {
                openHistory(new Conversation(m.account(), m.from())).add(new HistoryEntry(at, m));
                return true;
            }
            if (event instanceof XmppEvent.MessageFailed m) {
                openHistory(new Conversation(m.account(), m.to())).add(new HistoryEntry(at, m));
                return true;
            }
            return false;
        }

        /**
         * Files a message record of {@code c}'s log stream without decoding it (issue 10's start-up: the replay's
         * fast path); {@link History} decodes it when the conversation is first read.
         */
        void applyUndecoded(Conversation c, long atMillis, byte[] payload) {
            openHistory(c).addUndecoded(atMillis, payload);
        }

        /** Files a message record whose inner layer is still sealed ({@link History}: opened on first read). */
        void applySealed(Conversation c, dev.sotto.persistence.log.SealedRecord record) {
            openHistory(c).addSealed(record);
        }

        /** The snapshot of everything folded so far. */
        public EngineState build() {
            if (accounts == null && rosters == null && pending == null && histories == null) {
                return origin;
            }
            openRosters.forEach((k, v) -> rosters.put(k, v.toImmutable()));
            openPending.forEach((k, v) -> pending.put(k, v.toImmutable()));
            openHistories.forEach((k, v) -> histories.put(k, v.build()));
            return new EngineState(accounts == null ? origin.accounts : accounts.toImmutable(),
                    rosters == null ? origin.rosters : rosters.toImmutable(),
                    pending == null ? origin.pendingSubscriptions : pending.toImmutable(),
                    histories == null ? origin.histories : histories.toImmutable());
        }

        private MutableMap<Jid, XmppAccount> accounts() {
            if (accounts == null) {
                accounts = Maps.mutable.withMap(origin.accounts.castToMap());
            }
            return accounts;
        }

        private MutableMap<Jid, ImmutableMap<Jid, RosterItem>> rosters() {
            if (rosters == null) {
                rosters = Maps.mutable.withMap(origin.rosters.castToMap());
            }
            return rosters;
        }

        private MutableMap<Jid, ImmutableSet<Jid>> pending() {
            if (pending == null) {
                pending = Maps.mutable.withMap(origin.pendingSubscriptions.castToMap());
            }
            return pending;
        }

        private MutableMap<Conversation, History> histories() {
            if (histories == null) {
                histories = Maps.mutable.withMap(origin.histories.castToMap());
            }
            return histories;
        }

        /** Read under the bare JID and written under the event's account, as the snapshot's roster() reads. */
        private MutableMap<Jid, RosterItem> openRoster(Jid account) {
            MutableMap<Jid, RosterItem> r = openRosters.get(account);
            if (r == null) {
                ImmutableMap<Jid, RosterItem> old = rosters().get(account.bare());
                r = old == null ? Maps.mutable.empty() : Maps.mutable.withMap(old.castToMap());
                openRosters.put(account, r);
                rosters.put(account, Maps.immutable.empty()); // placeholder until build
            }
            return r;
        }

        private MutableSet<Jid> openPending(Jid account) {
            MutableSet<Jid> p = openPending.get(account);
            if (p == null) {
                ImmutableSet<Jid> old = pending().get(account);
                p = old == null ? Sets.mutable.empty() : Sets.mutable.withAll(old);
                openPending.put(account, p);
                pending.put(account, Sets.immutable.empty());
            }
            return p;
        }

        private History.Builder openHistory(Conversation c) {
            History.Builder h = openHistories.get(c);
            if (h == null) {
                History old = histories().get(c);
                h = new History.Builder(old == null ? History.EMPTY : old);
                openHistories.put(c, h);
                histories.put(c, History.EMPTY); // placeholder until build
            }
            return h;
        }
    }

    @Override
    public String toString() {
        return "EngineState[" + accounts.size() + " accounts, " + histories.size() + " conversations]";
    }
}
