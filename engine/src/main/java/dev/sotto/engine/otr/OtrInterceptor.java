package dev.sotto.engine.otr;

import dev.sotto.engine.MessageInterceptor;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.EngineEventCodec;
import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.persistence.log.EventLog;
import dev.sotto.persistence.log.LogTamperedException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * OTR plugged into the engine facade (issue 6) through its {@link MessageInterceptor} seam: every one-to-one message
 * of every account goes through that account's {@link OtrMessaging}, run on the account's pinned event loop. The OTR
 * layer decides what is stored (DESIGN.md, Durable or transient): a message it marks {@code store} becomes the
 * facade's durable {@code MessageReceived}/{@code MessageSent}; every message is also published live as an
 * {@link OtrAccountEvent.ChatMessage}; OTR's durable events (key, instance tag, fingerprints, trust) are recorded in
 * the log; notices are published.
 */
public final class OtrInterceptor implements MessageInterceptor {

    private final SottoEngine engine;
    private final Executor crypto;
    private final OtrMessagingConfig config;
    private final SecureRandom random;
    private final Clock clock;
    private final List<OtrEvent> history;
    private final Map<Jid, OtrXmppAccount> accounts = new ConcurrentHashMap<>();

    public OtrInterceptor(SottoEngine engine, Executor crypto, OtrMessagingConfig config, SecureRandom random,
            Clock clock, List<OtrEvent> history) {
        this.engine = engine;
        this.crypto = crypto;
        this.config = config;
        this.random = random;
        this.clock = clock;
        this.history = List.copyOf(history);
    }

    /**
     * Installs OTR on {@code engine}; {@code log} (may be null: no vault) gives back the OTR events of earlier runs
     * (each account's long-term key is generated once and then read from here).
     */
    public static OtrInterceptor install(SottoEngine engine, EventLog log, Executor crypto, SecureRandom random)
            throws LogTamperedException {
        return install(engine, log == null ? List.of() : history(log), crypto, random);
    }

    /**
     * Installs OTR on {@code engine} with the OTR events of earlier runs already read ({@code history}, e.g.
     * collected during the engine's own replay by {@link SottoEngine#open(EventLog, dev.sotto.engine.EngineOptions,
     * java.util.function.Consumer)}).
     */
    public static OtrInterceptor install(SottoEngine engine, List<OtrEvent> history, Executor crypto,
            SecureRandom random) {
        OtrInterceptor i = new OtrInterceptor(engine, crypto, OtrMessagingConfig.DEFAULTS, random, Clock.systemUTC(),
                history);
        engine.setMessageInterceptor(i);
        // Each account gets its key once, early: when it exists at install or when it connects.
        engine.subscribe(e -> {
            if (e instanceof XmppEvent.Connected c) {
                i.account(c.account());
            }
        });
        for (Jid a : engine.state().accounts().keysView()) {
            i.account(a);
        }
        return i;
    }

    /** The OTR events in {@code log}. */
    public static List<OtrEvent> history(EventLog log) throws LogTamperedException {
        EngineEventCodec codec = new EngineEventCodec();
        List<OtrEvent> events = new ArrayList<>();
        log.replay(0, r -> {
            try {
                DurableEvent e = codec.decode(r.payload());
                if (e instanceof OtrEvent o) {
                    events.add(o);
                }
            } catch (IllegalArgumentException unknownArea) {
                // records of other areas or versions: not ours
            }
        });
        return events;
    }

    /** The account's OTR layer (created on first use). */
    public OtrXmppAccount account(Jid account) {
        Jid bare = account.bare();
        return accounts.computeIfAbsent(bare, a -> {
            OtrMessaging messaging = new OtrMessaging(a, config, random, clock);
            OtrXmppAccount otr = new OtrXmppAccount(messaging, engine.eventLoop(a), crypto,
                    (to, body, isOtr) -> engine.transmit(a, to, body, isOtr), this::onEvent, random);
            List<OtrEvent> mine = history.stream().filter(e -> e.account().equals(a.toString())).toList();
            otr.start(mine);
            return otr;
        });
    }

    @Override
    public boolean onSend(Jid account, Jid to, String id, String body) {
        account(account).send(to, id, body);
        return true;
    }

    @Override
    public boolean onReceived(XmppEvent.MessageReceived message) {
        if (!message.type().equals("chat") && !message.type().equals("normal")) {
            return false; // groupchat, headline: not one-to-one, the facade keeps them
        }
        account(message.account()).accept(message);
        return true;
    }

    private void onEvent(Object e) {
        if (e instanceof OtrAccountEvent.ChatMessage m) {
            if (m.store()) {
                Jid peer = m.peer() != null ? m.peer() : m.contact();
                engine.record(m.outgoing()
                        ? new XmppEvent.MessageSent(m.account(), peer, m.localId(), null, m.text())
                        : new XmppEvent.MessageReceived(m.account(), peer, m.localId(), null, "chat", m.text()));
            }
            engine.publish(m);
        } else if (e instanceof OtrEvent o) {
            engine.record(o);
        } else {
            engine.publish(e);
        }
    }

    @Override
    public String toString() {
        return "OtrInterceptor[" + accounts.size() + " accounts]";
    }
}
