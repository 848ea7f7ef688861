package dev.sotto.engine.otr;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.event.XmppEvent;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The thin adapter that runs one account's {@link OtrMessaging} on the account's event loop (DESIGN.md, "One event
 * loop owns a session"): transport events in, bodies out through an {@link OtrChatLink}, timers on the loop, key
 * generation on the crypto executor. Use it as the XMPP client's listener: message stanzas go through OTR, every
 * other XMPP event passes through to {@code listener} unchanged; OTR events ({@link OtrAccountEvent}, durable
 * {@link OtrEvent}s) go to {@code listener} too.
 */
public final class OtrXmppAccount implements Consumer<XmppEvent> {

    private final OtrMessaging messaging;
    private final EventExecutor loop;
    private final Executor crypto;
    private final OtrChatLink link;
    private final Consumer<Object> listener;
    private final SecureRandom random;
    private final Map<String, ScheduledFuture<?>> timers = new HashMap<>();

    public OtrXmppAccount(OtrMessaging messaging, EventExecutor loop, Executor crypto, OtrChatLink link,
            Consumer<Object> listener, SecureRandom random) {
        this.messaging = messaging;
        this.loop = loop;
        this.crypto = crypto;
        this.link = link;
        this.listener = listener;
        this.random = random;
    }

    public Jid account() {
        return messaging.account();
    }

    /** Folds the account's durable OTR events and generates a key if there is none. */
    public void start(List<? extends OtrEvent> history) {
        onLoop(() -> run(messaging.start(List.copyOf(history), System.nanoTime())));
    }

    @Override
    public void accept(XmppEvent e) {
        if (e instanceof XmppEvent.MessageReceived m) {
            onLoop(() -> run(messaging.receive(m, System.nanoTime())));
        } else {
            listener.accept(e);
        }
    }

    /** Sends text to a contact through OTR; returns our local message id. */
    public String send(Jid to, String text) {
        String id = localId();
        onLoop(() -> run(messaging.send(to, id, text, System.nanoTime())));
        return id;
    }

    /** Sends text to a contact through OTR under the caller's message id. */
    public void send(Jid to, String id, String text) {
        onLoop(() -> run(messaging.send(to, id, text, System.nanoTime())));
    }

    /** Sends text in clear after the user confirmed it; returns our local message id. */
    public String sendPlaintext(Jid to, String text) {
        String id = localId();
        onLoop(() -> run(messaging.sendPlaintext(to, id, text, System.nanoTime())));
        return id;
    }

    public void startPrivate(Jid to) {
        onLoop(() -> run(messaging.startPrivate(to, System.nanoTime())));
    }

    public void endPrivate(Jid to) {
        onLoop(() -> run(messaging.endPrivate(to, System.nanoTime())));
    }

    public void smpStart(Jid to, Secret secret, String question) {
        onLoop(() -> run(messaging.smpStart(to, secret, question, System.nanoTime())));
    }

    public void smpAnswer(Jid to, Secret secret) {
        onLoop(() -> run(messaging.smpAnswer(to, secret, System.nanoTime())));
    }

    public void smpAbort(Jid to) {
        onLoop(() -> run(messaging.smpAbort(to, System.nanoTime())));
    }

    public void decideTrust(Jid contact, Fingerprint fingerprint, boolean trusted) {
        onLoop(() -> run(messaging.decideTrust(contact, fingerprint, trusted, System.nanoTime())));
    }

    public void setPolicy(Jid contact, OtrPolicy policy, String name, Boolean keepHistory) {
        onLoop(() -> run(messaging.setPolicy(contact, policy, name, keepHistory, System.nanoTime())));
    }

    /** "Keep no history of private conversations" with {@code contact} ({@code keep} false), or keep it: durable. */
    public void setKeepPrivateHistory(Jid contact, boolean keep) {
        onLoop(() -> run(messaging.setKeepPrivateHistory(contact, keep, System.nanoTime())));
    }

    /** Reads the OTR state on the loop (views and tests). */
    public <T> CompletableFuture<T> query(Function<OtrMessaging, T> read) {
        CompletableFuture<T> f = new CompletableFuture<>();
        onLoop(() -> {
            try {
                f.complete(read.apply(messaging));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private void run(List<OtrAccountOutput> outputs) {
        for (OtrAccountOutput o : outputs) {
            if (o instanceof OtrAccountOutput.SendBody s) {
                link.send(s.to(), s.body(), s.otr());
            } else if (o instanceof OtrAccountOutput.Emit e) {
                listener.accept(e.event());
            } else if (o instanceof OtrAccountOutput.ArmTimer t) {
                cancel(t.id());
                long delay = Math.max(0, t.deadline() - System.nanoTime());
                timers.put(t.id(), loop.schedule(() -> {
                    timers.remove(t.id());
                    run(messaging.timerFired(t.id(), System.nanoTime()));
                }, delay, TimeUnit.NANOSECONDS));
            } else if (o instanceof OtrAccountOutput.CancelTimer t) {
                cancel(t.id());
            } else if (o instanceof OtrAccountOutput.Compute c) {
                crypto.execute(() -> {
                    Object result = c.job().run();
                    loop.execute(() -> run(messaging.computeDone(c.id(), result, System.nanoTime())));
                });
            }
        }
    }

    private void cancel(String id) {
        ScheduledFuture<?> f = timers.remove(id);
        if (f != null) {
            f.cancel(false);
        }
    }

    private void onLoop(Runnable r) {
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }

    private String localId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "OtrXmppAccount[" + messaging.account() + "]";
    }
}
