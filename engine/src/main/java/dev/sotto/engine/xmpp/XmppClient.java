package dev.sotto.engine.xmpp;

import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.account.XmppAccount;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
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
    /** RFC 6120 §4.9.3.19: follow see-other-host, but not in circles. */
    private static final int MAX_REDIRECTS = 3;
    private static final int DEFAULT_PORT = 5222; // RFC 6120 §14.7

    private volatile XmppAccount account;
    private final EventLoop loop;
    private final Consumer<XmppEvent> listener;
    private final SecureRandom random;
    private final XmppSessionConfig config;
    private final ReconnectBackoff backoff;
    private final long queueTimeoutNanos;
    private final XmppNetwork network;
    private final java.util.concurrent.Executor crypto;
    private HostPort redirect;
    private int redirects;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    /** Bodies of messages handed to a session and not yet reported sent or failed, by id (event loop only). */
    private final java.util.HashMap<String, Queued> pendingBodies = new java.util.HashMap<>();
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

    private record Queued(Jid to, String id, String body, boolean otr, long deadline) {}

    private record HostPort(String host, int port) {}

    /** A client trusting the JDK's trust store (plus the account's pins) and the system's DNS. */
    public XmppClient(XmppAccount account, EventLoopGroup group, Consumer<XmppEvent> listener, SecureRandom random,
            XmppSessionConfig config, ReconnectBackoff backoff, long queueTimeoutNanos) {
        this(account, group, listener, random, config, backoff, queueTimeoutNanos, XmppNetwork.system(),
                java.util.concurrent.ForkJoinPool.commonPool());
    }

    /**
     * @param group the account's event loop (or a group; {@code next()} is taken once and kept)
     * @param network trust and DNS (shared by the clients of one engine)
     * @param crypto where slow crypto (SCRAM's PBKDF2) runs, off the event loop
     */
    public XmppClient(XmppAccount account, EventLoopGroup group, Consumer<XmppEvent> listener, SecureRandom random,
            XmppSessionConfig config, ReconnectBackoff backoff, long queueTimeoutNanos, XmppNetwork network,
            java.util.concurrent.Executor crypto) {
        this.network = network;
        this.crypto = crypto;
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

    /** The event loop this account is pinned to; layers above (OTR) run their state on it too. */
    public EventLoop eventLoop() {
        return loop;
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
        return sendMessage(to, body, false);
    }

    /** Asks the server for carbon copies of our other resources' messages (XEP-0280). */
    public void enableCarbons() {
        onSession(s -> s.enableCarbons(System.nanoTime()));
    }

    /**
     * Sends a chat message now, or queues it until connected; returns the message id. {@code otr} adds the
     * processing hints of XEP-0364 §4.3.
     */
    public String sendMessage(Jid to, String body, boolean otr) {
        byte[] b = new byte[8];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        sendMessage(to, id, body, otr);
        return id;
    }

    /** Sends a chat message with the caller's id now, or queues it until connected. */
    public void sendMessage(Jid to, String id, String body) {
        sendMessage(to, id, body, false);
    }

    /**
     * Sends a chat message with the caller's id now, or queues it until connected; {@code otr} adds the hints of
     * XEP-0364 §4.3.
     */
    public void sendMessage(Jid to, String id, String body, boolean otr) {
        loop.execute(() -> {
            if (session != null && session.phase() == Phase.READY) {
                pendingBodies.put(id, new Queued(to, id, body, otr, 0));
                handler.submit(s -> s.sendMessage(to, id, null, body, otr, System.nanoTime()));
            } else {
                long deadline = System.nanoTime() + queueTimeoutNanos;
                queue.add(new Queued(to, id, body, otr, deadline));
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
        XmppAccount acc = account;
        if (redirect != null) {
            HostPort to = redirect;
            redirect = null;
            connectTo(acc, List.of(to), 0);
        } else if (acc.host() != null) {
            connectTo(acc, List.of(new HostPort(acc.host(), acc.port())), 0);
        } else {
            lookupSrv(acc);
        }
    }

    /** RFC 6120 §3.2.1: SRV {@code _xmpp-client._tcp.<domain>}, then §3.2.2: the domain itself on 5222. */
    private void lookupSrv(XmppAccount acc) {
        String domain = acc.jid().domain();
        HostPort fallback = new HostPort(domain, DEFAULT_PORT);
        DnsNameResolver resolver;
        try {
            resolver = new DnsNameResolverBuilder(loop).datagramChannelType(NioDatagramChannel.class)
                    .nameServerProvider(network.dnsServers()).queryTimeoutMillis(5000).build();
        } catch (RuntimeException e) {
            connectTo(acc, List.of(fallback), 0);
            return;
        }
        resolver.resolveAll(new DefaultDnsQuestion("_xmpp-client._tcp." + domain + ".", DnsRecordType.SRV))
                .addListener((Future<List<DnsRecord>> f) -> {
                    List<SrvTarget> targets = new ArrayList<>();
                    if (f.isSuccess()) {
                        for (DnsRecord r : f.getNow()) {
                            if (r instanceof DnsRawRecord raw && r.type().equals(DnsRecordType.SRV)) {
                                SrvTarget t = SrvTarget.parse(ByteBufUtil.getBytes(raw.content()));
                                if (t != null) {
                                    targets.add(t);
                                }
                            }
                            ReferenceCountUtil.release(r);
                        }
                    }
                    resolver.close();
                    if (!wanted) {
                        return;
                    }
                    if (targets.size() == 1 && targets.get(0).noService()) {
                        // RFC 2782 / RFC 6120 §3.2.1: "." says the service is decidedly not available here.
                        wanted = false;
                        listener.accept(new XmppEvent.Disconnected(acc.jid(), "service-not-available", false));
                        failQueue("not-connected");
                        return;
                    }
                    List<HostPort> hosts = new ArrayList<>();
                    for (SrvTarget t : SrvTarget.order(targets, random)) {
                        if (!t.noService()) {
                            hosts.add(new HostPort(t.host(), t.port()));
                        }
                    }
                    if (hosts.isEmpty()) {
                        hosts.add(fallback);
                    }
                    connectTo(acc, hosts, 0);
                });
    }

    /** Connects to {@code targets[index]}; on failure tries the next (RFC 6120 §3.2.1 step 5), then backs off. */
    private void connectTo(XmppAccount acc, List<HostPort> targets, int index) {
        if (!wanted) {
            return;
        }
        session = new XmppSession(acc, config, random, false);
        PinningTrustManager trust = new PinningTrustManager(network.trust(), acc.pinnedSha256());
        XmppSession current = session;
        // The certificate is checked against the XMPP domain, never against the host we connect to (RFC 6120
        // §13.7.2.1): a DNS or see-other-host answer cannot make another server's certificate acceptable.
        handler = new XmppChannelHandler(session, acc.jid().domain(), acc.port(), trust,
                event -> onEvent(current, event), crypto);
        XmppChannelHandler h = handler;
        HostPort target = targets.get(index);
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class).resolver(network.resolvers())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT_MS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("xmpp", h);
                    }
                });
        ChannelFuture f = b.connect(InetSocketAddress.createUnresolved(target.host(), target.port()));
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess() && current == session) {
                if (index + 1 < targets.size()) {
                    connectTo(acc, targets, index + 1);
                    return;
                }
                listener.accept(new XmppEvent.Disconnected(acc.jid(), "connect-failed", true));
                scheduleReconnect();
            }
        });
    }

    /** RFC 6120 §4.9.3.19: "host", "host:port", "[v6]" or "[v6]:port"; {@code null} when unusable. */
    private static HostPort parseHostPort(String value) {
        String v = value.strip();
        String host;
        String port = null;
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            if (end < 0) {
                return null;
            }
            host = v.substring(1, end);
            if (end + 1 < v.length()) {
                if (v.charAt(end + 1) != ':') {
                    return null;
                }
                port = v.substring(end + 2);
            }
        } else {
            int colon = v.indexOf(':');
            if (colon >= 0 && colon != v.lastIndexOf(':')) {
                return null;
            }
            host = colon < 0 ? v : v.substring(0, colon);
            port = colon < 0 ? null : v.substring(colon + 1);
        }
        if (host.isEmpty() || host.length() > 255) {
            return null;
        }
        int p = DEFAULT_PORT;
        if (port != null) {
            if (!port.matches("[0-9]{1,5}")) {
                return null;
            }
            p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                return null;
            }
        }
        return new HostPort(host, p);
    }

    private void onEvent(XmppSession from, XmppEvent event) {
        if (event instanceof XmppEvent.MessageReceived m && m.id() != null
                && seen.put(m.from().bare() + "\u0000" + m.id(), Boolean.TRUE) != null) {
            return; // a redelivery after a reconnect (offline storage, resent queue)
        }
        if (event instanceof XmppEvent.MessageFailed f && f.condition().equals("not-connected") && wanted
                && pendingBodies.containsKey(f.id())) {
            // The connection dropped between queueing the send and running it: queue it for the next session.
            Queued p = pendingBodies.remove(f.id());
            queue.add(new Queued(f.to(), f.id(), p.body(), p.otr(), System.nanoTime() + queueTimeoutNanos));
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
        if (event instanceof XmppEvent.StreamErrorReceived e && "see-other-host".equals(e.condition())
                && e.seeOtherHost() != null && redirects < MAX_REDIRECTS) {
            HostPort to = parseHostPort(e.seeOtherHost());
            if (to != null) {
                redirects++;
                redirect = to; // the Disconnected that follows schedules the reconnect, to this host
                attempt = 0;
            }
        }
        if (event instanceof XmppEvent.Connected) {
            attempt = 0;
            redirects = 0;
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
            pendingBodies.put(q.id(), q);
            handler.submit(s -> s.sendMessage(q.to(), q.id(), null, q.body(), q.otr(), System.nanoTime()));
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
