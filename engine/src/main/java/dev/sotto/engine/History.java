package dev.sotto.engine;

import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.EngineEventCodec;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.persistence.log.LogRecord;
import dev.sotto.persistence.log.SealedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.collections.api.factory.Lists;
import org.eclipse.collections.api.list.ImmutableList;
import org.eclipse.collections.api.list.MutableList;

/**
 * One conversation's durable message events ({@code MessageSent}, {@code MessageReceived}, {@code MessageFailed}),
 * oldest first, as a fold of the log (DESIGN.md, Projections are folds). Immutable.
 *
 * <p>Issue 10's start-up: the main window needs the conversations, not their texts. So the replay files each message
 * record of a conversation's log stream here as the log handed it over (its timestamp and its decrypted,
 * authenticated payload) and {@link #entries()} decodes them the first time anyone reads them (a chat opening, a
 * search, the de-duplication of a message from that contact), once, for every snapshot that shares them. What the
 * replay decoded itself and what arrives after it are kept as {@link HistoryEntry}s. A payload that turns out not to
 * be a message event of the schema is left out, as a replay that decoded it at once would have skipped it.
 *
 * <p>The desktop's open walk goes further: it leaves a conversation's records sealed ({@link SealedRecord}, the inner
 * layer under the conversation's key; the walk authenticated their outer layer, which holds those bytes), and the
 * first read opens them, then decodes them. A record whose conversation was forgotten since opens to nothing and is
 * left out. One whose inner layer does not open under the key ring's key (the log's outer layer vouched for those
 * bytes, so only a key ring that does not match its log can cause it) is left out too, and reported at WARN with its
 * position only. A read after the log is closed throws {@link IllegalStateException} and decodes nothing.
 */
public final class History {
    /** Payloads are decoded with the engine's one schema; the codec keeps no state. */
    private static final EngineEventCodec CODEC = new EngineEventCodec();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(History.class);

    public static final History EMPTY = new History(Replayed.NONE, Lists.immutable.empty());

    /** Filed by the replay, decoded on first use; shared by every later snapshot. */
    private final Replayed replayed;
    /** Entries folded after (or, for records the replay decoded itself, as well as) the replayed ones, in order. */
    private final ImmutableList<HistoryEntry> later;
    /** The de-duplication keys of the received messages, collected on first use (a benign race: same result). */
    private volatile Set<String> seenKeys;

    private History(Replayed replayed, ImmutableList<HistoryEntry> later) {
        this.replayed = replayed;
        this.later = later;
    }

    /** Every entry, oldest first (decodes what the replay filed, the first time). */
    public ImmutableList<HistoryEntry> entries() {
        ImmutableList<HistoryEntry> first = replayed.entries();
        return later.isEmpty() ? first : first.isEmpty() ? later : first.newWithAll(later);
    }

    /** The number of entries (decodes what the replay filed, the first time). */
    public int size() {
        return replayed.entries().size() + later.size();
    }

    /**
     * Whether this history holds a {@code MessageReceived} with this de-duplication key ({@link
     * EngineReplay#seenKey}); the keys are collected once per history, on first use.
     */
    boolean hasReceived(String seenKey) {
        Set<String> s = seenKeys;
        if (s == null) {
            Set<String> keys = new HashSet<>();
            for (HistoryEntry e : entries()) {
                if (e.event() instanceof XmppEvent.MessageReceived m && m.id() != null) {
                    keys.add(EngineReplay.seenKey(m));
                }
            }
            s = keys;
            seenKeys = s;
        }
        return s.contains(seenKey);
    }

    /** This history with {@code entry} appended. */
    History with(HistoryEntry entry) {
        return new History(replayed, later.newWith(entry));
    }

    /** Equal when the entries are (decodes both, the first time): a history is a value, as the list it replaces. */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof History h && entries().equals(h.entries());
    }

    @Override
    public int hashCode() {
        return entries().hashCode();
    }

    @Override
    public String toString() {
        return "History[" + (replayed.isDecoded() ? Integer.toString(size()) : "not yet decoded") + "]";
    }

    /** A history being folded: copy on write of one snapshot's history, appended to in order. Not thread-safe. */
    static final class Builder {
        private final History origin;
        /** Entries appended after the origin's, or null; used while nothing was filed undecoded. */
        private MutableList<HistoryEntry> appended;
        /** Once anything is filed undecoded: every item from the origin's on, in order; else null. */
        private Replayed.Items items;

        Builder(History origin) {
            this.origin = origin;
        }

        void add(HistoryEntry entry) {
            if (items != null) {
                items.add(entry, 0);
                return;
            }
            if (appended == null) {
                appended = Lists.mutable.empty();
            }
            appended.add(entry);
        }

        /** Files an undecoded message record (its timestamp in epoch milliseconds and its payload). */
        void addUndecoded(long atMillis, byte[] payload) {
            startItems();
            items.add(payload, atMillis);
        }

        /** From the first undecoded item on, every item goes to {@link #items}, in order. */
        private void startItems() {
            if (items == null) {
                items = new Replayed.Items(origin.replayed);
                origin.later.forEach(e -> items.add(e, 0));
                if (appended != null) {
                    appended.forEach(e -> items.add(e, 0));
                    appended = null;
                }
            }
        }

        /** Files a message record whose inner layer is still sealed (opened, then decoded, on first read). */
        void addSealed(SealedRecord record) {
            startItems();
            items.add(record, 0);
        }

        History build() {
            if (items != null) {
                return new History(items.freeze(), Lists.immutable.empty());
            }
            if (appended == null || appended.isEmpty()) {
                return origin;
            }
            return new History(origin.replayed, origin.later.newWithAll(appended));
        }
    }

    /**
     * The replayed part: items that are either a {@link HistoryEntry} or an undecoded payload (with its timestamp),
     * decoded together on first use. Thread-safe: any thread may be first (the chat window, an event loop).
     */
    private static final class Replayed {
        static final Replayed NONE = new Replayed(new Object[0], new long[0], 0);

        private Object[] items;
        private long[] at;
        private final int count;
        private volatile ImmutableList<HistoryEntry> entries;

        private Replayed(Object[] items, long[] at, int count) {
            this.items = items;
            this.at = at;
            this.count = count;
            boolean undecoded = false;
            for (int i = 0; i < count && !undecoded; i++) {
                undecoded = items[i] instanceof byte[] || items[i] instanceof SealedRecord;
            }
            if (!undecoded) {
                entries = decode(items, at, count);
                this.items = null;
                this.at = null;
            }
        }

        boolean isDecoded() {
            return entries != null;
        }

        ImmutableList<HistoryEntry> entries() {
            ImmutableList<HistoryEntry> e = entries;
            if (e == null) {
                synchronized (this) {
                    e = entries;
                    if (e == null) {
                        e = decode(items, at, count);
                        entries = e;
                        // The payloads are not needed any more: the decoded entries replace them.
                        items = null;
                        at = null;
                    }
                }
            }
            return e;
        }

        private static ImmutableList<HistoryEntry> decode(Object[] items, long[] at, int count) {
            List<LogRecord> opened = openSealed(items, count);
            int nextOpened = 0;
            MutableList<HistoryEntry> out = Lists.mutable.withInitialCapacity(count);
            for (int i = 0; i < count; i++) {
                if (items[i] instanceof HistoryEntry h) {
                    out.add(h);
                    continue;
                }
                byte[] payload;
                long atMillis;
                if (items[i] instanceof SealedRecord) {
                    LogRecord r = opened.get(nextOpened++);
                    if (r == null) {
                        continue; // forgotten, or its inner layer did not open (reported by openSealed)
                    }
                    payload = r.payload();
                    atMillis = r.timestamp().toEpochMilli();
                } else {
                    payload = (byte[]) items[i];
                    atMillis = at[i];
                }
                DurableEvent event;
                try {
                    event = CODEC.decode(payload);
                } catch (IllegalArgumentException e) {
                    continue; // not an event of this schema: the replay would have skipped it
                }
                if (event instanceof XmppEvent.MessageSent || event instanceof XmppEvent.MessageReceived
                        || event instanceof XmppEvent.MessageFailed) {
                    out.add(new HistoryEntry(Instant.ofEpochMilli(atMillis), event));
                }
            }
            return out.toImmutable();
        }

        /**
         * The sealed items opened, in order (null for each that opens to nothing), in one pass with one cipher. One
         * whose inner layer does not open is reported at WARN with its position only and left out.
         *
         * @throws IllegalStateException the log is closed (nothing is decoded, and a later read tries again)
         */
        private static List<LogRecord> openSealed(Object[] items, int count) {
            List<SealedRecord> sealed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (items[i] instanceof SealedRecord s) {
                    sealed.add(s);
                }
            }
            return SealedRecord.openAll(sealed, failed -> LOG.warn(
                    "a message record of the log did not open and is left out of its history (position {})",
                    failed.position()));
        }

        /** A growable copy of a replayed part, appended to while folding. */
        static final class Items {
            private Object[] items;
            private long[] at;
            private int count;

            Items(Replayed from) {
                int n = from.count;
                items = new Object[Math.max(16, n + n / 2)];
                at = new long[items.length];
                // Under the part's lock: a first reader elsewhere may be decoding it and dropping its payloads.
                synchronized (from) {
                    ImmutableList<HistoryEntry> decoded = from.entries;
                    if (decoded != null) {
                        decoded.forEach(e -> add(e, 0));
                    } else {
                        System.arraycopy(from.items, 0, items, 0, n);
                        System.arraycopy(from.at, 0, at, 0, n);
                        count = n;
                    }
                }
            }

            void add(Object item, long atMillis) {
                if (count == items.length) {
                    items = Arrays.copyOf(items, count * 2);
                    at = Arrays.copyOf(at, count * 2);
                }
                items[count] = item;
                at[count] = atMillis;
                count++;
            }

            Replayed freeze() {
                return new Replayed(items, at, count);
            }
        }
    }
}
