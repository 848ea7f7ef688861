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

/**
 * The start-up's JIT warm-up of an unlock's replay (issue 10: a vault of 100,000 messages reaches a usable window in
 * 2 s), run while the start screen waits for the passphrase. A cold JVM's first replay of a large log ran largely in
 * the interpreter while the compilers caught up; this runs the same code first on made-up events: the log's open walk
 * over records sealed in memory under throwaway keys ({@link EventLog#warmUpReplay}) into an {@link EngineReplay},
 * whose message filing, decoding of the other events and state building are the ones an unlock runs, then reads the
 * histories back as a chat opening does. The events are invented here (accounts and contacts under the reserved
 * {@code .invalid} domain, RFC 2606 §2), so no user data and no vault is involved and no file is touched. It stops
 * early once a real unlock's walk has started (that walk warms up on its own from there on).
 */
public final class ReplayWarmUp {
    /** Conversations the made-up messages are spread over (a replay looks each record's stream up). */
    static final int CONVERSATIONS = 16;

    private ReplayWarmUp() {}

    /**
     * Replays up to {@code records} made-up events as an unlock would; returns the events the replay folded (fewer
     * when a real unlock started meanwhile). Best effort: never throws, returns -1 if anything failed.
     */
    public static long run(int records) {
        try {
            EngineEventCodec codec = new EngineEventCodec();
            Jid account = Jid.parse("warm-up@warm-up.invalid");
            Jid[] contacts = new Jid[CONVERSATIONS];
            List<StreamId> streams = new ArrayList<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                contacts[i] = Jid.parse("contact" + i + "@warm-up.invalid");
                streams.add(EventStreams.conversation(account, contacts[i]));
            }
            StreamId accountStream = EventStreams.account(account);
            streams.add(accountStream);
            // LogWarmUp puts record i in stream (7 i mod n): the payload must be an event of that stream.
            int n = streams.size();
            // Payloads made once and reused (the encoding is not what an unlock runs): record i takes payloads[i mod
            // k], k a multiple of n so that the payload belongs to record i's stream.
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
            EngineReplay replay = new EngineReplay();
            long folded = EventLog.warmUpReplay(streams, i -> payloads[i % payloads.length], records, replay);
            EngineState state = replay.state();
            for (Jid contact : contacts) {
                state.history(account, contact).size();
            }
            return folded;
        } catch (RuntimeException e) {
            return -1; // best effort: the real unlock reports whatever is really wrong
        }
    }
}
