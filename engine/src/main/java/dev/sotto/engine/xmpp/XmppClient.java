package dev.sotto.engine.xmpp;

import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.account.XmppAccount;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One account's connection on a shared event loop group: connect, reconnect with backoff after a drop, and a
 * queue for messages sent while disconnected (delivered after reconnecting, or failed after a timeout: never
 * silently lost). Everything runs on the account's own event loop ({@code group.next()} once), so no locks.
 *
 * <p>Reconnects follow a {@code Disconnected} event with {@code retry = true}; never after an authentication
 * failure, an untrusted certificate or a close by the user.
 */
public final class XmppClient {
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final int SEEN_MESSAGES = 4096;

    private volatile XmppAccount account;
    private final EventLoop loop;
    private final Consumer<XmppEvent> listener;
    private final SecureRandom random;
    private final XmppSessionConfig config;
    private final ReconnectBackoff backoff;
    private final long queueTimeoutNanos;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    /** Bodies of messages handed to a session and not yet reported sent or failed, by id (event loop only). */
    private final java.util.HashMap<String, String> pendingBodies = new java.util.HashMap<>();
    /** DESIGN.md, Reconnects: received messages are de-duplicated on (bare sender, message id). */
    private final java.util.LinkedHashMap<String, Boolean> seen = new java.util.LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_MESSAGES;
        }
    };

    private Channel channel;
    private XmppChannelHandler handler;
    private XmppSession session;
    private boolean wanted;
    private int attempt;
    private ScheduledFuture<?> reconnect;

    private record Queued(Jid to, String id, String body, long deadline) {}

    public XmppClient(XmppAccount account, EventLoopGroup group, Consumer<XmppEvent> listener, SecureRandom random,
            XmppSessionConfig config, ReconnectBackoff backoff, long queueTimeoutNanos) {
        this.account = account;
        this.loop = group.next();
        this.listener = listener;
        this.random = random;
        this.config = config;
        this.backoff = backoff;
        this.queueTimeoutNanos = queueTimeoutNanos;
    }

    public XmppAccount account() {
        return account;
    }

    /** Replaces the configuration (password, host, pins...); it applies from the next connection attempt. */
    public void updateAccount(XmppAccount updated) {
        if (!updated.jid().equals(account.jid())) {
            throw new IllegalArgumentException("a client serves one account");
        }
        this.account = updated;
    }

    /** Connects, and keeps reconnecting after drops until {@link #disconnect()}. */
    public void connect() {
        loop.execute(() -> {
            wanted = true;
            attempt = 0;
            open();
        });
    }

    /** Closes the session politely and stops reconnecting. */
    public void disconnect() {
        loop.execute(() -> {
            wanted = false;
            if (reconnect != null) {
                reconnect.cancel(false);
            }
            if (handler != null) {
                handler.submit(s -> s.close(System.nanoTime()));
            }
        });
    }

    /** Sends a chat message now, or queues it until connected; returns the message id. */
    public String sendMessage(Jid to, String body) {
        byte[] b = new byte[8];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        sendMessage(to, id, body);
        return id;
    }

    /** Sends a chat message with the caller's id now, or queues it until connected. */
    public void sendMessage(Jid to, String id, String body) {
        loop.execute(() -> {
            if (session != null && session.phase() == Phase.READY) {
                pendingBodies.put(id, body);
                handler.submit(s -> s.sendMessage(to, id, null, body, System.nanoTime()));
            } else {
                long deadline = System.nanoTime() + queueTimeoutNanos;
                queue.add(new Queued(to, id, body, deadline));
                loop.schedule(this::expireQueue, queueTimeoutNanos + 1, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** Sets our presence. */
    public void setPresence(PresenceShow show, String status, int priority) {
        onSession(s -> s.setPresence(show, status, priority, System.nanoTime()));
    }

    /** Adds a contact and asks to see its presence. */
    public void addContact(Jid contact, String name) {
        onSession(s -> s.addContact(contact, name, System.nanoTime()));
    }

    /** Removes a contact. */
    public void removeContact(Jid contact) {
        onSession(s -> s.removeContact(contact, System.nanoTime()));
    }

    /** Approves or denies a subscription request. */
    public void answerSubscription(Jid contact, boolean approve) {
        onSession(s -> s.answerSubscription(contact, approve, System.nanoTime()));
    }

    /** Asks for the roster again. */
    public void requestRoster() {
        onSession(s -> s.requestRoster(System.nanoTime()));
    }

    private void onSession(java.util.function.Function<XmppSession, java.util.List<XmppOutput>> command) {
        loop.execute(() -> {
            if (handler != null) {
                handler.submit(command);
            }
        });
    }

    private void open() {
        if (!wanted) {
            return;
        }
        session = new XmppSession(account, config, random, false);
        PinningTrustManager trust = new PinningTrustManager(PinningTrustManager.systemDefault(), account.pinnedSha256());
        XmppSession current = session;
        handler = new XmppChannelHandler(session, account.jid().domain(), account.port(), trust,
                event -> onEvent(current, event));
        XmppChannelHandler h = handler;
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT_MS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("xmpp", h);
                    }
                });
        ChannelFuture f = b.connect(account.connectHost(), account.port());
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess() && current == session) {
                listener.accept(new XmppEvent.Disconnected(account.jid(), "connect-failed", true));
                scheduleReconnect();
            }
        });
    }

    private void onEvent(XmppSession from, XmppEvent event) {
        if (event instanceof XmppEvent.MessageReceived m && m.id() != null
                && seen.put(m.from().bare() + "\u0000" + m.id(), Boolean.TRUE) != null) {
            return; // a redelivery after a reconnect (offline storage, resent queue)
        }
        if (event instanceof XmppEvent.MessageFailed f && f.condition().equals("not-connected") && wanted
                && pendingBodies.containsKey(f.id())) {
            // The connection dropped between queueing the send and running it: queue it for the next session.
            queue.add(new Queued(f.to(), f.id(), pendingBodies.remove(f.id()), System.nanoTime() + queueTimeoutNanos));
            loop.schedule(this::expireQueue, queueTimeoutNanos + 1, TimeUnit.NANOSECONDS);
            return;
        }
        if (event instanceof XmppEvent.MessageTransmitted sent) {
            pendingBodies.remove(sent.id());
        } else if (event instanceof XmppEvent.MessageFailed failed) {
            pendingBodies.remove(failed.id());
        }
        listener.accept(event);
        if (from != session) {
            return;
        }
        if (event instanceof XmppEvent.Connected) {
            attempt = 0;
            flushQueue();
        } else if (event instanceof XmppEvent.Disconnected d) {
            if (d.retry()) {
                scheduleReconnect();
            } else {
                wanted = false;
                failQueue("not-connected");
            }
        }
    }

    private void scheduleReconnect() {
        if (!wanted) {
            return;
        }
        long delay = backoff.delayNanos(attempt++, random);
        reconnect = loop.schedule(this::open, delay, TimeUnit.NANOSECONDS);
    }

    private void flushQueue() {
        while (!queue.isEmpty()) {
            Queued q = queue.poll();
            pendingBodies.put(q.id(), q.body());
            handler.submit(s -> s.sendMessage(q.to(), q.id(), null, q.body(), System.nanoTime()));
        }
    }

    private void expireQueue() {
        long now = System.nanoTime();
        for (Iterator<Queued> it = queue.iterator(); it.hasNext(); ) {
            Queued q = it.next();
            if (now - q.deadline() >= 0) {
                it.remove();
                listener.accept(new XmppEvent.MessageFailed(account.jid(), q.to(), q.id(), "timeout"));
            }
        }
    }

    private void failQueue(String condition) {
        while (!queue.isEmpty()) {
            Queued q = queue.poll();
            listener.accept(new XmppEvent.MessageFailed(account.jid(), q.to(), q.id(), condition));
        }
    }
}
