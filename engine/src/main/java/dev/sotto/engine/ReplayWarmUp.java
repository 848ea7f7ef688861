package dev.sotto.engine;

import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.EngineEventCodec;
import dev.sotto.engine.event.EventStreams;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.persistence.log.EventLog;
import dev.sotto.persistence.log.StreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The start-up's JIT warm-up of an unlock's replay (issue 10: a vault of 100,000 messages reaches a usable window in
 * 2 s), run while the start screen waits for the passphrase. A cold JVM's first replay of a large log ran largely in
 * the interpreter while the compilers caught up; this runs the same code first on made-up events: the log's open walk
 * over records sealed in memory under throwaway keys ({@link EventLog#warmUpReplay}) into an {@link EngineReplay},
 * whose message filing, decoding of the other events and state building are the ones an unlock runs, then reads the
 * histories back as a chat opening does. The events are invented here (accounts and contacts under the reserved
 * {@code .invalid} domain, RFC 2606 §2), so no user data and no vault is involved and no file is touched. It stops
 * early when the caller says so (the desktop client: when the user presses Unlock).
 */
public final class ReplayWarmUp {
    /** Conversations the made-up messages are spread over (a replay looks each record's stream up). */
    static final int CONVERSATIONS = 16;

    private ReplayWarmUp() {}

    /**
     * Replays up to {@code records} made-up events as an unlock would, until {@code stop} says so (the desktop client:
     * once the user has pressed Unlock, from then on the warm-up would compete with the unlock for the cores and the
     * compilers); returns the events replayed. Best effort: never throws, returns -1 if anything failed.
     */
    public static long run(int records, BooleanSupplier stop) {
        try {
            return replay(records, stop).events;
        } catch (RuntimeException e) {
            return -1; // best effort: the real unlock reports whatever is really wrong
        }
    }

    /** What a warm-up did: the events replayed and the state of the last walk's replay (null when none ran). */
    record Result(long events, EngineState lastState) {}

    /** {@link #run} with its own stop condition (tests), reporting the last walk's state. */
    static Result replay(int records, BooleanSupplier stop) {
        EngineEventCodec codec = new EngineEventCodec();
        Jid account = Jid.parse("warm-up@warm-up.invalid");
        Jid[] contacts = new Jid[CONVERSATIONS];
        List<StreamId> streams = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            contacts[i] = Jid.parse("contact" + i + "@warm-up.invalid");
            streams.add(EventStreams.conversation(account, contacts[i]));
        }
        streams.add(EventStreams.account(account));
        // LogWarmUp puts record i in stream (7 i mod n): the payload must be an event of that stream. Payloads are made
        // once and reused (the encoding is not what an unlock runs): record i takes payloads[i mod k], k a multiple of n.
        int n = streams.size();
        byte[][] payloads = new byte[n * CONVERSATIONS][];
        for (int i = 0; i < payloads.length; i++) {
            int s = Math.floorMod(i * 7, n);
            DurableEvent e;
            if (s == CONVERSATIONS) {
                e = new XmppEvent.RosterItemChanged(account, new RosterItem(contacts[i % CONVERSATIONS],
                        "Contact " + i % CONVERSATIONS, "both", false, List.of()));
            } else {
                String body = "warm-up message " + i + " " + "lorem ipsum dolor sit amet ".repeat(1 + i % 4);
                e = (i & 1) == 0
                        ? new XmppEvent.MessageSent(account, contacts[s], "s" + i, null, body)
                        : new XmppEvent.MessageReceived(account,
                                new Jid(contacts[s].local(), contacts[s].domain(), "phone"), "r" + i, null, "chat", body);
            }
            payloads[i] = codec.encode(e);
        }
        EngineReplay[] last = new EngineReplay[1];
        long replayed = EventLog.warmUpReplay(streams, i -> payloads[i % payloads.length], records, () -> {
            last[0] = new EngineReplay();
            return last[0];
        }, stop);
        EngineState state = last[0] == null ? null : last[0].state();
        // A chat opening decodes its history: warmed up too, unless the unlock has started meanwhile.
        if (state != null && !stop.getAsBoolean()) {
            for (Jid contact : contacts) {
                state.history(account, contact).size();
            }
        }
        return new Result(replayed, state);
    }
}
