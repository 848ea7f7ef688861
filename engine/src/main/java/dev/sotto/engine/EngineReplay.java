package dev.sotto.engine;

import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.EngineEventCodec;
import dev.sotto.engine.event.EventStreams;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.event.ZrtpEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.zrtp.EventLogZidCache;
import dev.sotto.persistence.log.DeferringReplay;
import dev.sotto.persistence.log.LogRecord;
import dev.sotto.persistence.log.SealedRecord;
import dev.sotto.persistence.log.StreamId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The engine's replay of the log (DESIGN.md, Projections are folds): decodes each record and folds it into one
 * {@link EngineState.Builder}, so a replay costs O(events); a message record of a conversation's stream is filed
 * undecoded instead and decoded when the conversation is first read ({@link History}; issue 10's start-up). Hand it
 * to the vault's open ({@code Vault.open(dir, passphrase, replay)}), whose walk authenticates and replays in one
 * pass, then to {@link SottoEngine#open(dev.sotto.persistence.log.EventLog, EngineOptions, EngineReplay)}. Records of
 * areas this engine does not know are skipped and counted. Single-threaded: the log calls it in order on one thread.
 */
public final class EngineReplay implements DeferringReplay {
    private final EngineEventCodec codec = new EngineEventCodec();
    private final EngineState.Builder state = EngineState.EMPTY.toBuilder();
    /** Each stream's conversation, or {@link #NOT_A_CONVERSATION} (streams are few; records name them often). */
    private final Map<StreamId, Conversation> conversations = new HashMap<>();
    private final LongConsumer positions;
    /**
     * Told every durable event the replay decodes, in log order: layers above the engine (OTR) fold theirs from this
     * pass. Message records of a conversation's stream are filed undecoded ({@link History}) and not told.
     */
    private final Consumer<? super DurableEvent> listener;
    /** RFC 6189 §4.9: the installation's ZID and retained secrets, folded from the log's ZRTP records. */
    private final EventLogZidCache zids = EventLogZidCache.empty();
    private static final String CONVERSATION_PREFIX = "conversation:";
    private static final Conversation NOT_A_CONVERSATION =
            new Conversation(new Jid(null, "not.a.conversation", null), new Jid(null, "not.a.conversation", null));
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
        // Issue 10's start-up: a conversation's messages are filed as the log gave them and decoded when the
        // conversation is first read; the main window needs the conversations, not their texts.
        Conversation c = conversation(r.stream());
        if (c != NOT_A_CONVERSATION && isMessageRecord(r.payload())) {
            events++;
            state.applyUndecoded(c, r.timestamp().toEpochMilli(), r.payload());
            return;
        }
        decodeAndApply(r);
    }

    /**
     * A conversation's stream holds only its messages ({@link EventStreams#of}), and the main window needs none of
     * their texts: its records may stay sealed until the conversation is first read (issue 10's start-up; the open
     * walk has authenticated them, {@link DeferringReplay}).
     */
    @Override
    public boolean defers(StreamId stream) {
        return conversation(stream) != NOT_A_CONVERSATION;
    }

    /** A conversation's record, sealed: filed as it is and opened with the rest of its history on first read. */
    @Override
    public void acceptSealed(SealedRecord r) {
        positions.accept(r.position());
        events++;
        state.applySealed(conversation(r.stream()), r);
    }

    /**
     * Everything but a conversation's messages, decoded and folded at once. A method of its own so that the hot path
     * above (once per message record) stays small: a fresh JVM compiles it sooner and for less (issue 10's start-up).
     */
    private void decodeAndApply(LogRecord r) {
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

    /**
     * The conversation whose stream this is ({@link EventStreams#conversation}: {@code conversation:ACCOUNT CONTACT},
     * two bare JIDs, which hold no space), or {@link #NOT_A_CONVERSATION}.
     */
    private Conversation conversation(StreamId stream) {
        Conversation c = conversations.get(stream);
        if (c == null) {
            c = NOT_A_CONVERSATION;
            String v = stream.value();
            int space = v.indexOf(' ');
            if (v.startsWith(CONVERSATION_PREFIX) && space > 0) {
                Jid account = Jid.parse(v.substring(CONVERSATION_PREFIX.length(), space));
                Jid contact = Jid.parse(v.substring(space + 1));
                if (account != null && contact != null && !account.isFull() && !contact.isFull()
                        && EventStreams.conversation(account, contact).equals(stream)) {
                    c = new Conversation(account, contact);
                }
            }
            conversations.put(stream, c);
        }
        return c;
    }

    /**
     * Whether {@code payload} is an {@code EventEnvelope} whose one field is {@code xmpp} (3, length-delimited, the
     * rest of the payload) holding {@code message_sent} (1), {@code message_received} (2) or {@code message_failed}
     * (3) (sotto_events.proto; protobuf encoding: tag = field number << 3 | wire type 2). Anything else (another
     * area, another XMPP event, a layout this check does not know) is decoded at once, as before.
     */
    static boolean isMessageRecord(byte[] p) {
        if (p.length < 3 || p[0] != 0x1A) {
            return false;
        }
        int length = 0;
        int i = 1;
        for (int shift = 0; ; shift += 7) {
            if (i >= p.length || shift > 28) {
                return false;
            }
            byte b = p[i++];
            length |= (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (length != p.length - i || length < 2) {
            return false;
        }
        byte tag = p[i];
        return tag == 0x0A || tag == 0x12 || tag == 0x1A;
    }

    static String seenKey(XmppEvent.MessageReceived m) {
        return m.from().bare() + "\u0000" + m.id();
    }

    @Override
    public String toString() {
        return "EngineReplay[" + events + " events, " + skipped + " skipped]";
    }
}
