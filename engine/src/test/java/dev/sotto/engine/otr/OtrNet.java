package dev.sotto.engine.otr;

import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.event.OtrKeyGenerated;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.event.XmppEvent;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An in-memory XMPP server for {@link OtrMessaging} endpoints (one per full JID), routed the way RFC 6121 §8.5
 * says: to a full JID that resource, to a bare JID every resource of the account. Records every body on the wire,
 * every event, every armed timer; time is a counter the test advances.
 */
final class OtrNet {

    /** A body as the server saw it. */
    record Wire(Jid from, Jid to, String body, boolean otr) {}

    /** One logged-in resource. */
    final class Endpoint {
        final Jid full;
        final OtrMessaging messaging;
        final List<Object> events = new ArrayList<>();
        final Map<String, Long> timers = new TreeMap<>();
        final List<OtrAccountOutput.Compute> computes = new ArrayList<>();
        final List<OtrEvent> durable = new ArrayList<>();

        Endpoint(Jid full, OtrMessaging messaging) {
            this.full = full;
            this.messaging = messaging;
        }

        void apply(List<OtrAccountOutput> outputs) {
            for (OtrAccountOutput o : outputs) {
                if (o instanceof OtrAccountOutput.SendBody s) {
                    queue.add(new Wire(full, s.to(), s.body(), s.otr()));
                } else if (o instanceof OtrAccountOutput.Emit e) {
                    events.add(e.event());
                    if (e.event() instanceof OtrEvent d) {
                        durable.add(d);
                    }
                } else if (o instanceof OtrAccountOutput.ArmTimer t) {
                    timers.put(t.id(), t.deadline());
                } else if (o instanceof OtrAccountOutput.CancelTimer t) {
                    timers.remove(t.id());
                } else if (o instanceof OtrAccountOutput.Compute c) {
                    computes.add(c);
                }
            }
        }

        void send(Jid to, String id, String text) {
            apply(messaging.send(to, id, text, now));
        }

        void fire(String timerId) {
            timers.remove(timerId);
            apply(messaging.timerFired(timerId, now));
        }

        <T> List<T> events(Class<T> type) {
            List<T> l = new ArrayList<>();
            for (Object e : events) {
                if (type.isInstance(e)) {
                    l.add(type.cast(e));
                }
            }
            return l;
        }

        List<OtrNotice> notices(Predicate<OtrNotice> p) {
            List<OtrNotice> l = new ArrayList<>();
            for (OtrAccountEvent.Notice n : events(OtrAccountEvent.Notice.class)) {
                if (p.test(n.notice())) {
                    l.add(n.notice());
                }
            }
            return l;
        }

        List<String> received() {
            List<String> l = new ArrayList<>();
            for (OtrAccountEvent.ChatMessage m : events(OtrAccountEvent.ChatMessage.class)) {
                if (!m.outgoing()) {
                    l.add(m.text());
                }
            }
            return l;
        }

        boolean isPrivateWith(Jid contact) {
            return messaging.isPrivate(contact);
        }
    }

    final Map<Jid, Endpoint> endpoints = new LinkedHashMap<>();
    final Deque<Wire> queue = new ArrayDeque<>();
    final List<Wire> wire = new ArrayList<>();
    final SecureRandom random;
    long now = 1_000_000_000L;
    private int ids;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    OtrNet(SecureRandom random) {
        this.random = random;
    }

    static OtrKeyGenerated keyEvent(String account, int fixture) {
        OtrLongTermKey k = OtrFixtures.key(fixture);
        return new OtrKeyGenerated(account, k.publicKey().encode(), k.privateKey(), k.fingerprint().display(),
                CLOCK.instant());
    }

    /** A started endpoint with fixture key {@code fixture} and the given durable history. */
    Endpoint login(String fullJid, int fixture, OtrMessagingConfig config, List<OtrEvent> history) {
        Jid full = Jid.parse(fullJid);
        List<OtrEvent> h = new ArrayList<>(history);
        h.add(0, keyEvent(full.bare().toString(), fixture));
        Endpoint e = new Endpoint(full, new OtrMessaging(full.bare(), config, random, CLOCK));
        endpoints.put(full, e);
        e.apply(e.messaging.start(h, now));
        return e;
    }

    Endpoint login(String fullJid, int fixture) {
        return login(fullJid, fixture, OtrMessagingConfig.DEFAULTS, List.of());
    }

    void logout(Endpoint e) {
        endpoints.remove(e.full);
    }

    /** Delivers everything queued (and what it causes) until quiet. */
    void pump() {
        for (int guard = 0; !queue.isEmpty(); guard++) {
            if (guard > 10_000) {
                throw new AssertionError("no quiescence: message loop");
            }
            deliver(queue.poll(), null, null);
        }
    }

    /** Delivers one body as the server would, optionally marked delayed (XEP-0203) or as a carbon (XEP-0280). */
    void deliver(Wire w, String delayedStamp, String carbon) {
        wire.add(w);
        now += 1_000_000L;
        List<Endpoint> targets = new ArrayList<>();
        if (w.to().isFull()) {
            Endpoint e = endpoints.get(w.to());
            if (e != null) {
                targets.add(e);
            }
        } else {
            for (Endpoint e : endpoints.values()) {
                if (e.full.bare().equals(w.to())) {
                    targets.add(e);
                }
            }
        }
        for (Endpoint e : targets) {
            e.apply(e.messaging.receive(new XmppEvent.MessageReceived(e.full.bare(), w.from(), "m" + (++ids), null,
                    "chat", w.body(), w.to(), delayedStamp, carbon, List.of()), now));
        }
    }

    /** Hands {@code w} to {@code e} directly as a carbon copy (XEP-0280) of direction {@code carbon}. */
    void carbon(Endpoint e, Wire w, String carbon) {
        e.apply(e.messaging.receive(new XmppEvent.MessageReceived(e.full.bare(), w.from(), "c" + (++ids), null,
                "chat", w.body(), w.to(), null, carbon, List.of()), now));
    }

    /** Bodies the server saw that are OTR Error Messages. */
    List<Wire> errors() {
        return wire.stream().filter(w -> w.body().startsWith("?OTR Error:")).toList();
    }
}
