package dev.sotto.engine;

import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.EngineEventCodec;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.event.ZrtpEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.zrtp.EventLogZidCache;
import dev.sotto.persistence.log.LogRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The engine's replay of the log (DESIGN.md, Projections are folds): decodes each record and folds it into one
 * {@link EngineState.Builder}, so a replay costs O(events). Hand it to the vault's open
 * ({@code Vault.open(dir, passphrase, replay)}), whose walk authenticates and replays in one pass, then to
 * {@link SottoEngine#open(dev.sotto.persistence.log.EventLog, EngineOptions, EngineReplay)}. Records of areas this
 * engine does not know are skipped and counted. Single-threaded: the log calls it in order on one thread.
 */
public final class EngineReplay implements Consumer<LogRecord> {
    private final EngineEventCodec codec = new EngineEventCodec();
    private final EngineState.Builder state = EngineState.EMPTY.toBuilder();
    /** Received (bare sender, message id) pairs per account: the de-duplication set survives restarts. */
    private final Map<Jid, Set<String>> seen = new HashMap<>();
    private final LongConsumer positions;
    /** Told every decoded durable event in log order: layers above the engine (OTR) fold theirs from this pass. */
    private final Consumer<? super DurableEvent> listener;
    /** RFC 6189 §4.9: the installation's ZID and retained secrets, folded from the log's ZRTP records. */
    private final EventLogZidCache zids = EventLogZidCache.empty();
    private int skipped;
    private long events;

    public EngineReplay() {
        this(p -> { });
    }

    /** @param positions told each record's position as it is folded (progress reports; cheap, on the log's thread) */
    public EngineReplay(LongConsumer positions) {
        this(positions, e -> { });
    }

    /**
     * @param positions told each record's position as it is folded (progress reports; cheap, on the log's thread)
     * @param listener  told each decoded durable event after the engine folded it, in log order
     */
    public EngineReplay(LongConsumer positions, Consumer<? super DurableEvent> listener) {
        this.positions = positions;
        this.listener = listener;
    }

    /**
     * A new, empty replay with the same progress and listener, for a second pass when the first one was not the
     * log's complete replay ({@code EventLog.replayedAtOpen}); the listener must forget what this one told it.
     */
    public EngineReplay restart() {
        return new EngineReplay(positions, listener);
    }

    @Override
    public void accept(LogRecord r) {
        positions.accept(r.position());
        DurableEvent e;
        try {
            e = codec.decode(r.payload());
        } catch (IllegalArgumentException ex) {
            skipped++;
            return;
        }
        events++;
        state.apply(e, r.timestamp());
        if (e instanceof ZrtpEvent z) {
            zids.apply(z);
        }
        if (e instanceof XmppEvent.MessageReceived m && m.id() != null) {
            seen.computeIfAbsent(m.account(), k -> new HashSet<>()).add(seenKey(m));
        }
        listener.accept(e);
    }

    /** Events folded so far. */
    public long events() {
        return events;
    }

    /** Records skipped so far because their area is unknown to this engine. */
    public int skipped() {
        return skipped;
    }

    /** The state folded so far (a frozen snapshot). */
    public EngineState state() {
        return state.build();
    }

    EventLogZidCache zids() {
        return zids;
    }

    Map<Jid, Set<String>> seen() {
        return seen;
    }

    static String seenKey(XmppEvent.MessageReceived m) {
        return m.from().bare() + "\u0000" + m.id();
    }

    @Override
    public String toString() {
        return "EngineReplay[" + events + " events, " + skipped + " skipped]";
    }
}
