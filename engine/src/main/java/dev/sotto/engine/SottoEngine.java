package dev.sotto.engine;

import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.EngineEventCodec;
import dev.sotto.engine.event.EventStreams;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.event.ZrtpEvent;
import dev.sotto.engine.xmpp.CertificateFingerprint;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PresenceShow;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.engine.xmpp.XmppClient;
import dev.sotto.engine.xmpp.XmppNetwork;
import dev.sotto.engine.zrtp.EventLogZidCache;
import dev.sotto.engine.zrtp.ZidCache;
import dev.sotto.persistence.log.EventLog;
import dev.sotto.persistence.log.LogTamperedException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.collections.api.map.ImmutableMap;

/**
 * The engine facade the desktop UI and the console use (issue 5; DESIGN.md, How data flows). Opened on the
 * vault's {@link EventLog}, it replays the log into {@link EngineState} (accounts, pins, rosters, pending
 * subscription requests, histories), owns one Netty event loop group and pins each account to one loop of it.
 * Commands return at once; their results arrive as events on the one {@link EventBus}: durable events
 * ({@link DurableEvent}) are appended to the log, folded into the state and then published; transient events
 * (connection up and down, contacts' presence) are only published.
 *
 * <p>Received messages are de-duplicated on (bare sender, message id), across reconnects and restarts. A message
 * the user sends is stored as {@code MessageSent} before its bytes leave. Commands naming an account that does
 * not exist throw {@link IllegalArgumentException}.
 */
public final class SottoEngine implements AutoCloseable {

    private final EventLog log;
    private final EngineOptions options;
    private final EngineEventCodec codec = new EngineEventCodec();
    private final EventLoopGroup group;
    private final XmppNetwork network;
    /** The group and the network (when the options named none): this engine owns them and closes them. */
    private final EngineResources resources;
    /** DESIGN.md, One event loop owns a session: millisecond work (PBKDF2, key generation) runs here instead. */
    private final java.util.concurrent.ExecutorService crypto = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "sotto-crypto");
        t.setDaemon(true);
        return t;
    });
    private final EventBus bus = new EventBus();
    private final AtomicReference<EngineState> state;
    private final Map<Jid, AccountRuntime> runtimes = new ConcurrentHashMap<>();
    /** Certificates accepted "once" per account: trusted while this engine runs, never stored (issue 10). */
    private final Map<Jid, Set<String>> acceptedOnce = new ConcurrentHashMap<>();
    private final Object recordOrder = new Object();
    private final int skippedAtReplay;
    /** RFC 6189 §4.9: the installation's ZID and retained secrets, a fold of the log's ZRTP records. */
    private final EventLogZidCache zidCache;
    private volatile MessageInterceptor interceptor = MessageInterceptor.NONE;
    private volatile boolean closed;

    /**
     * One account's live side: its pinned loop, its client, the (sender, id) pairs seen since the engine opened
     * (loop-confined), and whether the account existed at open, so that the replayed histories count as seen too.
     */
    private static final class AccountRuntime {
        final EventLoop loop;
        final XmppClient client;
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final boolean replayed;

        AccountRuntime(EventLoop loop, XmppClient client, boolean replayed) {
            this.loop = loop;
            this.client = client;
            this.replayed = replayed;
        }
    }

    /** The histories as replayed at open: what the de-duplication of received messages checks besides the live set. */
    private final ImmutableMap<Conversation, History> replayedHistories;

    private SottoEngine(EventLog log, EngineOptions options, EngineState initial, int skipped,
            EventLogZidCache zidCache, EngineResources resources) {
        this.log = log;
        this.zidCache = zidCache;
        this.options = options;
        this.state = new AtomicReference<>(initial);
        this.skippedAtReplay = skipped;
        this.resources = resources;
        this.group = resources.group();
        this.network = resources.network();
        this.replayedHistories = initial.histories();
        for (XmppAccount a : initial.accounts().valuesView()) {
            runtime(a, true);
        }
    }

    /**
     * Opens the engine on {@code log}: replays every record into the state (records of areas this engine does
     * not know are skipped and counted), then starts the event loops. Nothing connects until {@link #connect}.
     *
     * @throws LogTamperedException when the log's chain or a record's seal does not verify
     */
    public static SottoEngine open(EventLog log, EngineOptions options) throws LogTamperedException {
        return open(log, options, (EngineReplay) null);
    }

    /**
     * Like {@link #open(EventLog, EngineOptions)}; {@code replayed} also sees every durable event of the replay, in
     * log order, so a layer above (OTR) folds its own events from the same pass instead of reading the log again.
     */
    public static SottoEngine open(EventLog log, EngineOptions options, Consumer<? super DurableEvent> replayed)
            throws LogTamperedException {
        EngineReplay replay = new EngineReplay(p -> { }, replayed);
        log.replay(0, replay);
        return new SottoEngine(log, options, replay.state(), replay.skipped(), replay.zids(),
                EngineResources.create(options));
    }

    /**
     * Opens the engine with the state {@code replayed} already folded while the vault's open walk authenticated
     * the log ({@code Vault.open(dir, passphrase, replayed)}): the log is read once. When {@code replayed} did not
     * get the log's complete replay there ({@link EventLog#replayedAtOpen}; e.g. it is {@code null}, or a crash
     * interrupted a shred), the log is replayed here as by {@link #open(EventLog, EngineOptions)}, by a fresh
     * replay that tells the same listener (which must then forget what the first one told it).
     *
     * @throws LogTamperedException when the log's chain or a record's seal does not verify
     */
    public static SottoEngine open(EventLog log, EngineOptions options, EngineReplay replayed)
            throws LogTamperedException {
        EngineResources resources = EngineResources.create(options);
        try {
            return open(log, options, replayed, resources);
        } catch (LogTamperedException | RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * Like {@link #open(EventLog, EngineOptions, EngineReplay)}, on {@code resources} made beforehand (e.g. while
     * the vault unlocked) for these {@code options}. The engine owns them from here on: it closes them when it
     * closes. If this throws, they were not taken: the caller still closes them.
     */
    public static SottoEngine open(EventLog log, EngineOptions options, EngineReplay replayed,
            EngineResources resources) throws LogTamperedException {
        EngineReplay replay = replayed;
        if (replay == null || !log.replayedAtOpen(replay)) {
            replay = replay == null ? new EngineReplay() : replay.restart();
            log.replay(0, replay);
        }
        return new SottoEngine(log, options, replay.state(), replay.skipped(), replay.zids(),
                resources);
    }

    /** An engine without a log: nothing is durable beyond this process (the console without {@code --vault}). */
    public static SottoEngine inMemory(EngineOptions options) {
        return new SottoEngine(null, options, EngineState.EMPTY, 0, EventLogZidCache.empty(),
                EngineResources.create(options));
    }

    // ------------------------------------------------------------------ state and bus

    /** The current snapshot of accounts, pins, rosters, pending subscriptions and histories. */
    public EngineState state() {
        return state.get();
    }

    /** How many log records replay skipped because their area is unknown to this engine. */
    public int skippedAtReplay() {
        return skippedAtReplay;
    }

    /** Subscribes to every event published from now on (durable and transient), in publication order. */
    public EventBus.Subscription subscribe(Consumer<Object> listener) {
        return bus.subscribe(listener);
    }

    /** Removes a subscriber added with {@link #subscribe}. */
    public void unsubscribe(Consumer<Object> listener) {
        bus.unsubscribe(listener);
    }

    /** Installs the private-messaging layer (OTR); {@link MessageInterceptor#NONE} removes it. */
    public void setMessageInterceptor(MessageInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    /**
     * Appends a durable event to the log, folds it into the state and publishes it, in that order for every
     * event; the future completes when the log's writer has it (immediately without a log). An event the log
     * refuses at once (closed, read-only, too large) changes nothing and is not published: the future fails.
     */
    public CompletableFuture<Long> record(DurableEvent event) {
        synchronized (recordOrder) {
            CompletableFuture<Long> f;
            try {
                f = log == null ? CompletableFuture.completedFuture(-1L)
                        : log.append(EventStreams.of(event), codec.encode(event));
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            if (f.isCompletedExceptionally()) {
                // Refused by the log (closed, read-only, too large): the event never happened as far as the
                // projections are concerned, or the state would show what the next replay will not (DESIGN.md,
                // "Projections are folds").
                return f;
            }
            Instant at = Instant.now();
            state.updateAndGet(s -> s.apply(event, at));
            if (event instanceof ZrtpEvent z) {
                zidCache.apply(z);
            }
            bus.publish(event);
            return f;
        }
    }

    /** Publishes a transient event (never stored). */
    public void publish(Object event) {
        bus.publish(event);
    }

    /**
     * What a state machine emitted: a {@link DurableEvent} is {@linkplain #record recorded}, anything else is only
     * {@linkplain #publish published}. A ZRTP adapter hands every {@code Output.Emit} of its endpoint here, which
     * is how retained secrets, the V flag and cache mismatches reach the log (and a mismatch the user, loudly).
     * The endpoint's {@code ZrtpSrtpSecrets} are key material, not an event (DESIGN.md: SRTP master keys are never
     * events): they go to the stream's SRTP contexts, and handing them here is refused rather than published.
     *
     * @throws IllegalArgumentException for SRTP key material
     */
    public void emit(Object event) {
        if (event instanceof dev.sotto.engine.zrtp.ZrtpSrtpSecrets) {
            throw new IllegalArgumentException("SRTP keys are never events: hand them to the SRTP contexts");
        }
        if (event instanceof DurableEvent d) {
            record(d);
        } else {
            publish(event);
        }
    }

    /**
     * The installation's ZRTP cache for every {@code ZrtpEndpoint} (RFC 6189 §4.9): the persistent ZID and, per
     * peer ZID, the retained secrets and V flag, rebuilt from the log at {@link #open}. Endpoints must hand their
     * emitted events to {@link #emit} for their cache changes to survive a restart. The first call on a log without
     * a ZID generates one and records it ({@code ZrtpZidAssigned}; §4.9: "randomly generated by the software and
     * stored at installation or initialization time"); an installation that never uses ZRTP stores none.
     */
    public ZidCache zidCache() {
        synchronized (recordOrder) { // two first callers must not create two ZIDs
            zidCache.zidToAssign(options.random(), Instant.now()).ifPresent(this::record);
        }
        return zidCache;
    }

    // ------------------------------------------------------------------ accounts

    /**
     * Adds an account (an {@code AccountAdded} event carrying the password, which exists durably only in the
     * encrypted log). {@code host} {@code null} means DNS SRV {@code _xmpp-client._tcp}, then the domain.
     */
    public CompletableFuture<Long> addAccount(Jid account, Secret password, String host, int port, TlsPolicy tlsPolicy,
            String resource) {
        Jid bare = bareAccount(account);
        if (state.get().accounts().containsKey(bare)) {
            throw new IllegalArgumentException("account exists");
        }
        AccountEvent.AccountAdded added = new AccountEvent.AccountAdded(bare, password, host, port, tlsPolicy, resource);
        CompletableFuture<Long> f = record(added);
        runtime(state.get().accounts().get(bare));
        return f;
    }

    /** Replaces an account's configuration (pins are kept); it applies from the next connection. */
    public CompletableFuture<Long> changeAccount(Jid account, Secret password, String host, int port,
            TlsPolicy tlsPolicy, String resource) {
        Jid bare = requireAccount(account);
        CompletableFuture<Long> f = record(new AccountEvent.AccountChanged(bare, password, host, port, tlsPolicy,
                resource));
        runtimes.get(bare).client.updateAccount(forClient(bare));
        return f;
    }

    /** Disconnects and removes an account. */
    public CompletableFuture<Long> removeAccount(Jid account) {
        Jid bare = requireAccount(account);
        AccountRuntime rt = runtimes.remove(bare);
        if (rt != null) {
            rt.client.disconnect();
        }
        acceptedOnce.remove(bare);
        return record(new AccountEvent.AccountRemoved(bare));
    }

    /**
     * Trusts exactly the certificate with this SHA-256 for the account (hex, with or without colons): a
     * {@code CertificatePinned} event; later connections accept that certificate.
     */
    public CompletableFuture<Long> pinCertificate(Jid account, String sha256) {
        Jid bare = requireAccount(account);
        String normalized = CertificateFingerprint.normalize(sha256);
        if (normalized == null) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 32 hex bytes");
        }
        CompletableFuture<Long> f = record(new AccountEvent.CertificatePinned(bare, normalized));
        runtimes.get(bare).client.updateAccount(forClient(bare));
        return f;
    }

    /**
     * Trusts the certificate with this SHA-256 for the account while this engine runs, without pinning it
     * (DESIGN.md, Reconnects and downgrades: "a certificate accepted once is trusted for that session only (an event,
     * not a pin)"). Publishes the transient {@code CertificateAcceptedOnce}; nothing is written to the log, so the
     * next start asks again. Connect afterwards to use it.
     */
    public void acceptCertificateOnce(Jid account, String sha256) {
        Jid bare = requireAccount(account);
        String normalized = CertificateFingerprint.normalize(sha256);
        if (normalized == null) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 32 hex bytes");
        }
        acceptedOnce.computeIfAbsent(bare, a -> ConcurrentHashMap.newKeySet()).add(normalized);
        runtimes.get(bare).client.updateAccount(forClient(bare));
        publish(new XmppEvent.CertificateAcceptedOnce(bare, normalized));
    }

    /** The account as its client sees it: the durable configuration plus the certificates accepted once. */
    private XmppAccount forClient(Jid bare) {
        XmppAccount a = state.get().accounts().get(bare);
        Set<String> once = acceptedOnce.get(bare);
        if (a == null || once == null) {
            return a;
        }
        for (String sha256 : once) {
            a = a.withPin(sha256);
        }
        return a;
    }

    // ------------------------------------------------------------------ connections and chat

    /** Connects the account and keeps it connected (reconnects with backoff) until {@link #disconnect}. */
    public void connect(Jid account) {
        AccountRuntime rt = runtimes.get(requireAccount(account));
        rt.client.updateAccount(forClient(account.bare()));
        rt.client.connect();
    }

    /** Closes the account's session politely and stops reconnecting. */
    public void disconnect(Jid account) {
        runtimes.get(requireAccount(account)).client.disconnect();
    }

    /**
     * Sends a 1:1 chat message and returns its id. Unless a {@link MessageInterceptor} takes it, it is stored as
     * {@code MessageSent} first and then sent; while disconnected it waits in the queue and is sent after
     * reconnecting, or reported as {@code MessageFailed} (condition {@code timeout}) — never silently lost.
     */
    public String sendMessage(Jid account, Jid to, String body) {
        AccountRuntime rt = runtimes.get(requireAccount(account));
        Jid from = account.bare();
        String id = newId();
        rt.loop.execute(() -> {
            if (interceptor.onSend(from, to, id, body)) {
                return;
            }
            // DESIGN.md, The log: an outgoing message is stored as queued before its bytes are sent.
            record(new XmppEvent.MessageSent(from, to, id, null, body)).whenComplete((pos, err) -> rt.loop.execute(() -> {
                if (err != null) {
                    publish(new XmppEvent.MessageFailed(from, to, id, "not-stored"));
                } else {
                    rt.client.sendMessage(to, id, body);
                }
            }));
        });
        return id;
    }

    /**
     * Sends a message body as it is, storing nothing: for a private-messaging layer's own wire messages
     * ({@code ?OTR...}). Returns the stanza id.
     */
    public String transmit(Jid account, Jid to, String body) {
        AccountRuntime rt = runtimes.get(requireAccount(account));
        String id = newId();
        rt.client.sendMessage(to, id, body);
        return id;
    }

    /**
     * Like {@link #transmit(Jid, Jid, String)}; {@code otr} adds the XEP-0364 §4.3 hints (no-copy,
     * no-permanent-store, carbons private) that OTR messages travel with (issue 6).
     */
    public String transmit(Jid account, Jid to, String body, boolean otr) {
        AccountRuntime rt = runtimes.get(requireAccount(account));
        String id = newId();
        rt.client.sendMessage(to, id, body, otr);
        return id;
    }

    /** The event loop the account is pinned to: a private-messaging layer runs its timers there (issue 6). */
    public EventLoop eventLoop(Jid account) {
        return runtimes.get(requireAccount(account)).loop;
    }

    /** Sets our presence (RFC 6121 §4): show, optional status text, priority (-128..127). */
    public void setPresence(Jid account, PresenceShow show, String status, int priority) {
        runtimes.get(requireAccount(account)).client.setPresence(show, status, priority);
    }

    /** Adds a contact to the roster and asks to see its presence (RFC 6121 §2.3, §3.1.1). */
    public void addContact(Jid account, Jid contact, String name) {
        runtimes.get(requireAccount(account)).client.addContact(contact.bare(), name);
    }

    /** Removes a contact from the roster, cancelling both subscriptions (RFC 6121 §2.5). */
    public void removeContact(Jid account, Jid contact) {
        runtimes.get(requireAccount(account)).client.removeContact(contact.bare());
    }

    /** Approves or denies a contact's subscription request (RFC 6121 §3.1.4, §3.1.5); recorded as an event. */
    public void answerSubscription(Jid account, Jid contact, boolean approve) {
        Jid bare = requireAccount(account);
        runtimes.get(bare).client.answerSubscription(contact.bare(), approve);
        record(new XmppEvent.SubscriptionAnswered(bare, contact.bare(), approve));
    }

    /** Asks the server for the roster again; changes arrive as {@code RosterItemChanged} events. */
    public void requestRoster(Jid account) {
        runtimes.get(requireAccount(account)).client.requestRoster();
    }

    /** Disconnects every account, stops the event loops and the bus. The log stays open (the vault owns it). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AccountRuntime rt : runtimes.values()) {
            rt.client.disconnect();
        }
        group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        crypto.shutdownNow();
        try {
            // A crypto task still running could record an event: close returns only when none can any more.
            crypto.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resources.close(); // the group is already stopped; this closes the network if the engine owns it
        bus.close();
    }

    // ------------------------------------------------------------------ internals

    private AccountRuntime runtime(XmppAccount account) {
        return runtime(account, false);
    }

    private AccountRuntime runtime(XmppAccount account, boolean replayed) {
        return runtimes.computeIfAbsent(account.jid(), jid -> {
            EventLoop loop = group.next(); // DESIGN.md, Sans-I/O contract: each account is pinned to one loop
            XmppClient client = new XmppClient(account, loop, e -> onClientEvent(jid, e), options.random(),
                    options.session(), options.backoff(), options.queueTimeoutNanos(), network, crypto);
            return new AccountRuntime(loop, client, replayed);
        });
    }

    /**
     * DESIGN.md, Reconnects: whether {@code m} (with an id) was received before, by this engine or, for an account
     * that existed when the engine opened, in the replayed history of its conversation (decoded here the first time
     * a message of that contact arrives; a few milliseconds per thousand messages). Records the pair as seen.
     */
    boolean isDuplicate(Jid account, XmppEvent.MessageReceived m) {
        AccountRuntime rt = runtimes.get(account);
        if (rt == null || m.id() == null) {
            return false;
        }
        String key = seenKey(m);
        if (!rt.seen.add(key)) {
            return true;
        }
        if (!rt.replayed) {
            return false;
        }
        History h = replayedHistories.get(new Conversation(account, m.from()));
        return h != null && h.hasReceived(key);
    }

    /** Runs on the account's loop. */
    private void onClientEvent(Jid account, XmppEvent event) {
        if (event instanceof XmppEvent.MessageReceived m) {
            if (isDuplicate(account, m)) {
                return; // DESIGN.md, Reconnects: de-duplicated on (bare sender, message id)
            }
            if (interceptor.onReceived(m)) {
                return;
            }
            if (m.body().startsWith("?OTR")) {
                publish(m); // DESIGN.md: raw ?OTR bodies are never stored
            } else {
                record(m);
            }
        } else if (event instanceof XmppEvent.MessageFailed f) {
            record(f);
        } else if (event instanceof XmppEvent.RosterReceived r) {
            publish(r);
            ImmutableMap<Jid, RosterItem> known = state.get().roster(account);
            Set<Jid> present = new java.util.HashSet<>();
            for (RosterItem item : r.items()) {
                present.add(item.jid());
                if (!item.equals(known.get(item.jid()))) {
                    record(new XmppEvent.RosterItemChanged(account, item));
                }
            }
            for (RosterItem old : known.valuesView()) {
                if (!present.contains(old.jid())) {
                    record(new XmppEvent.RosterItemChanged(account, new RosterItem(old.jid(), old.name(), "remove",
                            false, java.util.List.of())));
                }
            }
        } else if (event instanceof XmppEvent.RosterPushed p) {
            publish(p);
            RosterItem known = state.get().roster(account).get(p.item().jid());
            boolean removedUnknown = known == null && p.item().subscription().equals("remove");
            if (!p.item().equals(known) && !removedUnknown) {
                record(new XmppEvent.RosterItemChanged(account, p.item()));
            }
        } else if (event instanceof XmppEvent.SubscriptionReceived s) {
            publish(s);
            if (s.type().equals("subscribe")) {
                var pending = state.get().pendingSubscriptions().get(account);
                if (pending == null || !pending.contains(s.from().bare())) {
                    record(new XmppEvent.SubscriptionRequested(account, s.from().bare()));
                }
            }
        } else {
            publish(event);
        }
    }

    private static String seenKey(XmppEvent.MessageReceived m) {
        return EngineReplay.seenKey(m);
    }

    private String newId() {
        byte[] b = new byte[8];
        options.random().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Jid bareAccount(Jid account) {
        if (account.local() == null) {
            throw new IllegalArgumentException("an account JID is a bare JID with a localpart");
        }
        return account.bare();
    }

    private Jid requireAccount(Jid account) {
        if (closed) {
            throw new IllegalStateException("engine closed");
        }
        Jid bare = account.bare();
        if (!runtimes.containsKey(bare)) {
            throw new IllegalArgumentException("no such account");
        }
        return bare;
    }

    @Override
    public String toString() {
        return "SottoEngine[" + runtimes.size() + " accounts]";
    }
}
