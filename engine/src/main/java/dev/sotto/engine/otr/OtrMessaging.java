package dev.sotto.engine.otr;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.otr.OtrMessageCodec;
import dev.sotto.codecs.otr.OtrText;
import dev.sotto.codecs.otr.OtrTextCodec;
import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.event.OtrHistoryPolicyChanged;
import dev.sotto.engine.event.OtrPolicyChanged;
import dev.sotto.engine.event.OtrInstanceTagAssigned;
import dev.sotto.engine.event.OtrKeyGenerated;
import dev.sotto.engine.event.OtrTrustChanged;
import dev.sotto.engine.sansio.Output;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.event.XmppEvent;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * OTR for one chat account, sans-I/O: it sits between the transport (XMPP {@code <body>}s) and the user. Outgoing
 * text goes through the contact's {@link OtrConversation}; received bodies go through OTR before they reach the user.
 * Every method takes the monotonic time and returns what to do ({@link OtrAccountOutput}); the adapter
 * ({@link OtrXmppAccount}) runs it on the account's event loop, so it is confined to that loop and not locked.
 *
 * <p>Rules it keeps (DESIGN.md, "Durable or transient", "Reconnects and downgrades"; XEP-0364):
 * <ul>
 *   <li>OTR messages go to the full JID of the contact's resource once known, with the XEP-0364 hints.</li>
 *   <li>Carbons never reach OTR (XEP-0364 §4.2: a carboned OTR request "should be silently ignored"); stored
 *       (XEP-0203 delayed) messages never draw an OTR Error Message; error replies are rate-limited per contact.</li>
 *   <li>Once a contact has been private (a fingerprint of it was ever seen), or its policy requires encryption, a
 *       message is held until a private session exists, or fails with an event: never sent in clear. Sending in
 *       clear then needs the explicit {@link #sendPlaintext}.</li>
 *   <li>A received private message may be stored only when the contact's history policy says so; raw
 *       {@code ?OTR} text is never stored.</li>
 *   <li>A partial set of fragments is dropped after a timeout (an armed timer).</li>
 *   <li>The long-term DSA key is generated once per account off the event loop ({@link OtrAccountOutput.Compute})
 *       and becomes the durable {@link OtrKeyGenerated} event.</li>
 * </ul>
 */
public final class OtrMessaging {

    /** Timer id prefixes. */
    static final String TIMER_FRAGMENTS = "otr-fragments:";
    static final String TIMER_HELD = "otr-held:";

    private final Jid account;
    private final OtrMessagingConfig settings;
    private final SecureRandom random;
    private final Clock clock;
    private final Map<Jid, Contact> contacts = new HashMap<>();
    /** The user's durable per-contact choices (issue 10), folded from the log; absent: the settings' defaults. */
    private final Map<Jid, OtrPolicy> policies = new HashMap<>();
    private final Map<Jid, String> policyNames = new HashMap<>();
    private final Map<Jid, Boolean> keepHistory = new HashMap<>();
    /** Work that waits for our long-term key (only between start and the end of key generation). */
    private final List<LongFunction<List<OtrAccountOutput>>> waitingForKey = new ArrayList<>();
    private OtrTrustBook trust;
    private OtrLongTermKey key;
    private int instanceTag;
    private boolean started;
    private List<OtrAccountOutput> out = new ArrayList<>();
    /** The stanza id of the message being received (it becomes the id of the message the user sees). */
    private String receivingId;

    /** One contact's conversation and what the account layer knows beyond OTR. Event loop only. */
    private static final class Contact {
        final Jid bare;
        OtrConversation conversation;
        OtrPolicy policy;
        boolean keepHistory;
        /** A private session existed in this run (the trust book says whether one ever did). */
        boolean beenPrivate;
        /** A Query Message went out for held messages and no session came yet. */
        boolean akeRequested;
        /** The full JID behind each of the contact's instance tags (OTR v3 "Instance Tags"). */
        final Map<Integer, Jid> instanceJids = new HashMap<>();
        /** The resource the contact last spoke OTR from. */
        Jid lastOtrResource;
        final LinkedHashMap<String, String> held = new LinkedHashMap<>();
        boolean fragmentTimerArmed;
        long lastErrorSent = Long.MIN_VALUE;

        Contact(Jid bare, OtrConversation conversation, OtrPolicy policy, boolean keepHistory) {
            this.bare = bare;
            this.conversation = conversation;
            this.policy = policy;
            this.keepHistory = keepHistory;
        }
    }

    public OtrMessaging(Jid account, OtrMessagingConfig settings, SecureRandom random, Clock clock) {
        this.account = account.bare();
        this.settings = settings;
        this.random = random;
        this.clock = clock;
        this.trust = OtrTrustBook.empty(this.account.toString());
    }

    public Jid account() {
        return account;
    }

    /** Our fingerprint, or null while the key is being generated. */
    public Fingerprint fingerprint() {
        return key == null ? null : key.fingerprint();
    }

    public OtrTrustBook trustBook() {
        return trust;
    }

    /** The contact's conversation, or null when there was none yet (for views and tests). */
    public OtrConversation conversation(Jid contact) {
        Contact c = contacts.get(contact.bare());
        return c == null ? null : c.conversation;
    }

    /**
     * Whether messages of private conversations with {@code contact} are stored (DESIGN.md, Durable or transient:
     * the settings' default, false, until the user decides otherwise with a durable event).
     */
    public boolean keepsPrivateHistory(Jid contact) {
        return keepHistory.getOrDefault(contact.bare(), settings.keepPrivateHistory());
    }

    /** The contact's policy name ({@code never|manual|opportunistic|always}), or null while it is the default. */
    public String policyName(Jid contact) {
        return policyNames.get(contact.bare());
    }

    /** Whether the contact's current session is private. */
    public boolean isPrivate(Jid contact) {
        OtrConversation c = conversation(contact);
        return c != null && c.current().messageState() instanceof EncryptedState;
    }

    // ----------------------------------------------------------------- life cycle

    /**
     * Folds the account's durable OTR events from the log, then asks for what is missing: a long-term key
     * (generated off the loop) and a persistent instance tag (OTR v3: "intended to be persistent").
     */
    public List<OtrAccountOutput> start(List<? extends OtrEvent> history, long now) {
        begin();
        if (started) {
            return end();
        }
        started = true;
        for (OtrEvent e : history) {
            fold(e);
        }
        if (instanceTag == 0) {
            instanceTag = OtrConfig.randomInstanceTag(random);
            emitDurable(new OtrInstanceTagAssigned(account.toString(), instanceTag, clock.instant()));
        }
        if (key == null) {
            Output.Compute job = OtrKeyGeneration.job(account.toString(), random, clock);
            out.add(new OtrAccountOutput.Compute(job.id(), job.job()));
        } else {
            out.add(new OtrAccountOutput.Emit(new OtrAccountEvent.KeyReady(account, key.fingerprint().display(),
                    false)));
        }
        return end();
    }

    private void fold(OtrEvent e) {
        if (!e.account().equals(account.toString())) {
            return;
        }
        if (e instanceof OtrKeyGenerated k && key == null) {
            key = OtrKeyGeneration.fromEvent(k);
        } else if (e instanceof OtrInstanceTagAssigned t && instanceTag == 0
                && Integer.compareUnsigned(t.instanceTag(), OtrMessageCodec.MIN_INSTANCE_TAG) >= 0) {
            instanceTag = t.instanceTag();
        } else if (e instanceof OtrPolicyChanged p) {
            applyPolicy(p);
        } else if (e instanceof OtrHistoryPolicyChanged h) {
            applyHistoryPolicy(h);
        }
        trust = trust.apply(e);
    }

    private void applyPolicy(OtrPolicyChanged p) {
        Jid contact = Jid.parse(p.contact());
        if (contact == null || p.policy() == null) {
            return; // a policy this version does not know changes nothing
        }
        OtrPolicy policy = OtrPolicy.named(p.policy(), p.allowV2());
        policies.put(contact.bare(), policy);
        policyNames.put(contact.bare(), p.policy());
        Contact c = contacts.get(contact.bare());
        if (c != null) {
            c.policy = policy;
            c.conversation = c.conversation.withPolicy(policy);
        }
    }

    private void applyHistoryPolicy(OtrHistoryPolicyChanged h) {
        Jid contact = Jid.parse(h.contact());
        if (contact == null) {
            return;
        }
        keepHistory.put(contact.bare(), h.keepHistory());
        Contact c = contacts.get(contact.bare());
        if (c != null) {
            c.keepHistory = h.keepHistory();
        }
    }

    /** The result of a {@link OtrAccountOutput.Compute} job came back. */
    public List<OtrAccountOutput> computeDone(String id, Object result, long now) {
        begin();
        if (key == null && result instanceof OtrKeyGenerated k && k.account().equals(account.toString())) {
            OtrLongTermKey generated = OtrKeyGeneration.fromEvent(k);
            if (generated != null) {
                key = generated;
                emitDurable(k);
                out.add(new OtrAccountOutput.Emit(new OtrAccountEvent.KeyReady(account, k.fingerprint(), true)));
                List<LongFunction<List<OtrAccountOutput>>> waiting = List.copyOf(waitingForKey);
                waitingForKey.clear();
                List<OtrAccountOutput> mine = end();
                for (LongFunction<List<OtrAccountOutput>> w : waiting) {
                    mine.addAll(w.apply(now));
                }
                return mine;
            }
        }
        return end();
    }

    /** A timer armed by an earlier output fired. */
    public List<OtrAccountOutput> timerFired(String id, long now) {
        begin();
        if (id.startsWith(TIMER_FRAGMENTS)) {
            Contact c = contacts.get(Jid.parse(id.substring(TIMER_FRAGMENTS.length())));
            if (c != null && c.fragmentTimerArmed) {
                c.fragmentTimerArmed = false;
                if (c.conversation.fragmentPending()) {
                    // OTR v3 leaves the time a partial message may wait to the client; a stale part is noise.
                    c.conversation = c.conversation.withoutFragments();
                    notice(c, null, new OtrNotice.Ignored("fragments not completed in time"));
                }
            }
        } else if (id.startsWith(TIMER_HELD)) {
            String localId = id.substring(TIMER_HELD.length());
            for (Contact c : contacts.values()) {
                if (c.held.remove(localId) != null) {
                    out.add(new OtrAccountOutput.Emit(new OtrAccountEvent.SendFailed(account, c.bare, localId,
                            "no private conversation in time")));
                    if (c.held.isEmpty()) {
                        c.akeRequested = false;
                    }
                }
            }
        }
        return end();
    }

    // ----------------------------------------------------------------- user actions

    /**
     * "User types a message to be sent" to {@code to} (bare or full JID). Private when the current session is;
     * held when the contact must be private; otherwise per the contact's policy (opportunistic: plaintext with a
     * whitespace tag).
     */
    public List<OtrAccountOutput> send(Jid to, String localId, String text, long now) {
        begin();
        if (key == null) {
            return waitForKey(n -> send(to, localId, text, n));
        }
        Contact c = contact(to);
        if (c.conversation.current().messageState() instanceof EncryptedState) {
            // DESIGN.md, The log: an outgoing message is stored (when it may be) before its bytes are sent.
            message(c, peerOf(c), localId, true, text, true, false, false);
            OtrConversation.Step s = c.conversation.send(text, now, random);
            c.conversation = s.conversation();
            sendOutputs(c, s.outputs(), null, false);
            return end();
        }
        if (mustBePrivate(c)) {
            hold(c, localId, text, to, now);
            return end();
        }
        message(c, to.isFull() ? to : null, localId, true, text, false, false, false);
        OtrConversation.Step s = c.conversation.send(text, now, random);
        c.conversation = s.conversation();
        sendOutputs(c, s.outputs(), to.isFull() ? to : null, false);
        return end();
    }

    /**
     * The user confirmed sending {@code text} in clear to a contact that has been private (DESIGN.md, Reconnects
     * and downgrades). No whitespace tag, no OTR processing.
     */
    public List<OtrAccountOutput> sendPlaintext(Jid to, String localId, String text, long now) {
        begin();
        if (key == null) {
            return waitForKey(n -> sendPlaintext(to, localId, text, n));
        }
        Contact c = contact(to);
        message(c, to.isFull() ? to : null, localId, true, text, false, false, false);
        out.add(new OtrAccountOutput.SendBody(to, text, false));
        return end();
    }

    /** "User requests to start an OTR conversation": a Query Message to {@code to} (a full JID picks the resource). */
    public List<OtrAccountOutput> startPrivate(Jid to, long now) {
        begin();
        if (key == null) {
            return waitForKey(n -> startPrivate(to, n));
        }
        Contact c = contact(to);
        OtrConversation.Step s = c.conversation.start(now);
        c.conversation = s.conversation();
        sendOutputs(c, s.outputs(), to.isFull() ? to : null, false);
        return end();
    }

    /** "User requests to end an OTR conversation": every private instance gets its disconnect TLV. */
    public List<OtrAccountOutput> endPrivate(Jid to, long now) {
        begin();
        Contact c = contacts.get(to.bare());
        if (c == null || key == null) {
            return end();
        }
        OtrConversation.Step s = c.conversation.end(now, random);
        c.conversation = s.conversation();
        sendOutputs(c, s.outputs(), null, false);
        return end();
    }

    /** Starts SMP with our secret and an optional question. */
    public List<OtrAccountOutput> smpStart(Jid to, Secret secret, String question, long now) {
        begin();
        if (key == null) {
            return waitForKey(n -> smpStart(to, secret, question, n));
        }
        Contact c = contact(to);
        OtrConversation.Step s = c.conversation.smpStart(secret, question, now, random);
        c.conversation = s.conversation();
        sendOutputs(c, s.outputs(), null, false);
        return end();
    }

    /** Answers the contact's SMP request with our secret. */
    public List<OtrAccountOutput> smpAnswer(Jid to, Secret secret, long now) {
        begin();
        if (key == null) {
            return waitForKey(n -> smpAnswer(to, secret, n));
        }
        Contact c = contact(to);
        OtrConversation.Step s = c.conversation.smpAnswer(secret, now, random);
        c.conversation = s.conversation();
        sendOutputs(c, s.outputs(), null, false);
        return end();
    }

    /** Aborts SMP. */
    public List<OtrAccountOutput> smpAbort(Jid to, long now) {
        begin();
        Contact c = contacts.get(to.bare());
        if (c != null && key != null) {
            OtrConversation.Step s = c.conversation.smpAbort(now, random);
            c.conversation = s.conversation();
            sendOutputs(c, s.outputs(), null, false);
        }
        return end();
    }

    /** The user's trust decision on a fingerprint of {@code contact} ({@code otr trust|distrust}): a durable event. */
    public List<OtrAccountOutput> decideTrust(Jid contact, Fingerprint fingerprint, boolean trusted, long now) {
        begin();
        emitDurable(trust.decide(contact.bare().toString(), fingerprint, trusted, clock.instant()));
        return end();
    }

    /**
     * The contact's policy (OTR v3 "Policies") and, when not null, whether its private messages may be stored. Both
     * are durable events (issue 10), so they hold after a restart.
     */
    public List<OtrAccountOutput> setPolicy(Jid to, OtrPolicy policy, String name, Boolean keepHistory, long now) {
        begin();
        Jid bare = to.bare();
        OtrPolicyChanged changed = new OtrPolicyChanged(account.toString(), bare.toString(), name, policy.allowV2(),
                clock.instant());
        applyPolicy(changed);
        out.add(new OtrAccountOutput.Emit(changed));
        if (keepHistory != null) {
            history(bare, keepHistory);
        }
        out.add(new OtrAccountOutput.Emit(new OtrAccountEvent.PolicyChanged(account, bare, name, policy.allowV2())));
        return end();
    }

    /**
     * "Keep no history of private (OTR) conversations" with {@code to}, or keep it: a durable event the layer
     * honours from the next message on (DESIGN.md, Durable or transient).
     */
    public List<OtrAccountOutput> setKeepPrivateHistory(Jid to, boolean keep, long now) {
        begin();
        history(to.bare(), keep);
        return end();
    }

    private void history(Jid bare, boolean keep) {
        OtrHistoryPolicyChanged h = new OtrHistoryPolicyChanged(account.toString(), bare.toString(), keep,
                clock.instant());
        applyHistoryPolicy(h);
        out.add(new OtrAccountOutput.Emit(h));
    }

    // ----------------------------------------------------------------- received

    /** A message stanza with a body from the transport. Never throws on any content. */
    public List<OtrAccountOutput> receive(XmppEvent.MessageReceived m, long now) {
        begin();
        if (!m.type().equals("chat") && !m.type().equals("normal")) {
            return end(); // groupchat and headline messages are not one-to-one: OTR does not apply
        }
        if (key == null) {
            return waitForKey(n -> receive(m, n));
        }
        if (m.carbon() != null) {
            carbon(m);
            return end();
        }
        Contact c = contact(m.from());
        boolean delayed = m.delayedStamp() != null;
        OtrText decoded = decodeOrNull(m.body());
        if (m.from().isFull() && decoded != null && !(decoded instanceof OtrText.Plaintext)) {
            c.lastOtrResource = m.from();
            int tag = senderInstance(decoded);
            if (tag != 0) {
                c.instanceJids.put(tag, m.from());
            }
        }
        boolean wasPrivate = c.conversation.current().messageState() instanceof EncryptedState;
        OtrConversation.Step s = c.conversation.receive(m.body(), now, random);
        c.conversation = s.conversation();
        receivingId = m.id();
        boolean wentPrivate;
        try {
            wentPrivate = sendOutputs(c, s.outputs(), m.from(), delayed, now);
        } finally {
            receivingId = null;
        }
        if (c.conversation.fragmentPending() && !c.fragmentTimerArmed) {
            c.fragmentTimerArmed = true;
            out.add(new OtrAccountOutput.ArmTimer(TIMER_FRAGMENTS + c.bare, now + settings.fragmentTimeoutNanos()));
        } else if (!c.conversation.fragmentPending() && c.fragmentTimerArmed) {
            c.fragmentTimerArmed = false;
            out.add(new OtrAccountOutput.CancelTimer(TIMER_FRAGMENTS + c.bare));
        }
        if ((wentPrivate || !wasPrivate) && c.conversation.current().messageState() instanceof EncryptedState) {
            flushHeld(c, now);
        }
        return end();
    }

    /** XEP-0280 copies: shown when plaintext, never given to OTR and never answered (XEP-0364 §4.2). */
    private void carbon(XmppEvent.MessageReceived m) {
        boolean sent = m.carbon().equals("sent");
        Jid peer = sent ? m.to() : m.from();
        if (peer == null) {
            return;
        }
        Contact c = contact(peer);
        OtrText decoded = decodeOrNull(m.body());
        if (decoded instanceof OtrText.Plaintext p) {
            if (!p.text().isEmpty()) {
                message(c, peer, m.id(), sent, p.text(), false, false, true);
            }
            return;
        }
        notice(c, peer, new OtrNotice.Ignored("carbon copy of an OTR message"));
    }

    // ----------------------------------------------------------------- internals

    private Contact contact(Jid jid) {
        Jid bare = jid.bare();
        Contact c = contacts.get(bare);
        if (c == null) {
            OtrConfig config = new OtrConfig(instanceTag, key, settings.defaultPolicy(), settings.maxMessageSize(),
                    settings.heartbeatNanos(), dev.sotto.codecs.otr.OtrLimits.DEFAULT);
            OtrPolicy policy = policies.getOrDefault(bare, settings.defaultPolicy());
            c = new Contact(bare, OtrConversation.create(config.withPolicy(policy)), policy,
                    keepHistory.getOrDefault(bare, settings.keepPrivateHistory()));
            c.beenPrivate = trust.knows(bare.toString());
            contacts.put(bare, c);
        }
        return c;
    }

    private boolean mustBePrivate(Contact c) {
        return c.beenPrivate || c.policy.requireEncryption();
    }

    private void hold(Contact c, String localId, String text, Jid to, long now) {
        if (!c.policy.enabled()) {
            out.add(new OtrAccountOutput.Emit(new OtrAccountEvent.SendFailed(account, c.bare, localId,
                    "OTR is disabled for a contact that has been private: confirm to send in clear")));
            return;
        }
        c.held.put(localId, text);
        out.add(new OtrAccountOutput.ArmTimer(TIMER_HELD + localId, now + settings.heldTimeoutNanos()));
        out.add(new OtrAccountOutput.Emit(new OtrAccountEvent.SendHeld(account, c.bare, localId,
                "waiting for a private conversation")));
        if (!c.akeRequested) {
            c.akeRequested = true;
            OtrConversation.Step s = c.conversation.start(now);
            c.conversation = s.conversation();
            sendOutputs(c, s.outputs(), to.isFull() ? to : null, false);
        }
    }

    private void flushHeld(Contact c, long now) {
        c.akeRequested = false;
        for (Iterator<Map.Entry<String, String>> it = c.held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> h = it.next();
            it.remove();
            out.add(new OtrAccountOutput.CancelTimer(TIMER_HELD + h.getKey()));
            message(c, peerOf(c), h.getKey(), true, h.getValue(), true, false, false);
            OtrConversation.Step s = c.conversation.send(h.getValue(), now, random);
            c.conversation = s.conversation();
            sendOutputs(c, s.outputs(), null, false);
        }
    }

    private List<OtrAccountOutput> waitForKey(LongFunction<List<OtrAccountOutput>> work) {
        waitingForKey.add(work);
        return end();
    }

    private boolean sendOutputs(Contact c, dev.sotto.engine.sansio.Outputs outputs, Jid replyTo, boolean delayed) {
        return sendOutputs(c, outputs, replyTo, delayed, Long.MIN_VALUE);
    }

    /**
     * Turns a conversation step's outputs into account outputs. Bodies go to {@code replyTo} (the sender of what we
     * answer) when given, else to the resource behind the receiver instance tag, else to the resource the contact
     * last spoke OTR from, else to the bare JID. Returns whether a session went private.
     */
    private boolean sendOutputs(Contact c, dev.sotto.engine.sansio.Outputs outputs, Jid replyTo, boolean delayed,
            long now) {
        boolean wentPrivate = false;
        for (Output o : outputs.list()) {
            if (o instanceof Output.Send s) {
                String body = new String(s.bytes(), java.nio.charset.StandardCharsets.UTF_8);
                OtrText decoded = decodeOrNull(body);
                if (decoded instanceof OtrText.ErrorMessage) {
                    // XEP-0203: a stored message is from a session that may be long gone; no error for it.
                    // And never more than one error per interval: two clients must not answer each other forever.
                    if (delayed || (c.lastErrorSent != Long.MIN_VALUE && now != Long.MIN_VALUE
                            && now - c.lastErrorSent < settings.errorIntervalNanos())) {
                        continue;
                    }
                    c.lastErrorSent = now == Long.MIN_VALUE ? c.lastErrorSent : now;
                }
                boolean otr = !(decoded instanceof OtrText.Plaintext);
                out.add(new OtrAccountOutput.SendBody(replyTo != null ? replyTo : addressOf(c, decoded), body, otr));
            } else if (o instanceof Output.Emit e && e.event() instanceof OtrNotice n) {
                wentPrivate |= noticeFromSession(c, replyTo, n, delayed);
            } else if (o instanceof Output.ArmTimer t) {
                out.add(new OtrAccountOutput.ArmTimer(t.id(), t.deadline()));
            } else if (o instanceof Output.CancelTimer t) {
                out.add(new OtrAccountOutput.CancelTimer(t.id()));
            }
        }
        return wentPrivate;
    }

    private boolean noticeFromSession(Contact c, Jid peer, OtrNotice n, boolean delayed) {
        if (n instanceof OtrNotice.MessageReceived r) {
            // Never store raw OTR text (DESIGN.md): it only reaches here when OTR is disabled for the contact.
            boolean store = r.encrypted() ? c.keepHistory : !r.text().startsWith("?OTR");
            out.add(new OtrAccountOutput.Emit(new OtrAccountEvent.ChatMessage(account, c.bare, peer, receivingId, false,
                    r.text(), r.encrypted(), store, r.unencryptedWarning(), false, clock.instant())));
            return false;
        }
        if (delayed && n instanceof OtrNotice.UnreadableMessage) {
            notice(c, peer, new OtrNotice.Ignored("stored message from an ended private conversation"));
            return false;
        }
        boolean wentPrivate = false;
        Fingerprint theirs = null;
        if (n instanceof OtrNotice.WentPrivate p) {
            wentPrivate = true;
            c.beenPrivate = true;
            theirs = p.theirFingerprint();
            if (peer != null && peer.isFull()) {
                c.instanceJids.put(p.theirInstance(), peer);
            }
        } else if (c.conversation.current().messageState() instanceof EncryptedState e) {
            theirs = e.theirFingerprint();
        }
        notice(c, peer, n);
        for (OtrEvent e : trust.eventsFor(c.bare.toString(), theirs, n, clock.instant())) {
            emitDurable(e);
        }
        return wentPrivate;
    }

    private Jid addressOf(Contact c, OtrText decoded) {
        int receiver = 0;
        if (decoded instanceof OtrText.Encoded e && e.message().version() == 3) {
            receiver = e.message().receiverInstance();
        } else if (decoded instanceof OtrText.Fragment f && f.version() == 3) {
            receiver = f.receiverInstance();
        }
        Jid j = receiver == 0 ? null : c.instanceJids.get(receiver);
        if (j != null) {
            return j;
        }
        return c.lastOtrResource != null ? c.lastOtrResource : c.bare;
    }

    private Jid peerOf(Contact c) {
        if (c.conversation.current().messageState() instanceof EncryptedState e) {
            Jid j = c.instanceJids.get(e.theirInstance());
            if (j != null) {
                return j;
            }
        }
        return c.lastOtrResource;
    }

    private OtrText decodeOrNull(String body) {
        DecodeResult<OtrText> d = OtrTextCodec.decode(body, dev.sotto.codecs.otr.OtrLimits.DEFAULT);
        return d instanceof DecodeResult.Ok<OtrText> ok ? ok.value() : null;
    }

    private static int senderInstance(OtrText t) {
        int tag = 0;
        if (t instanceof OtrText.Fragment f && f.version() == 3) {
            tag = f.senderInstance();
        } else if (t instanceof OtrText.Encoded e && e.message().version() == 3) {
            tag = e.message().senderInstance();
        }
        return Integer.compareUnsigned(tag, OtrMessageCodec.MIN_INSTANCE_TAG) < 0 ? 0 : tag;
    }

    private void message(Contact c, Jid peer, String localId, boolean outgoing, String text, boolean encrypted,
            boolean warning, boolean carbon) {
        boolean store = encrypted ? c.keepHistory : !text.startsWith("?OTR");
        out.add(new OtrAccountOutput.Emit(new OtrAccountEvent.ChatMessage(account, c.bare, peer, localId, outgoing,
                text, encrypted, store, warning, carbon, clock.instant())));
    }

    private void notice(Contact c, Jid peer, OtrNotice n) {
        out.add(new OtrAccountOutput.Emit(new OtrAccountEvent.Notice(account, c.bare, peer, n)));
    }

    private void emitDurable(OtrEvent e) {
        trust = trust.apply(e);
        out.add(new OtrAccountOutput.Emit(e));
    }

    private void begin() {
        if (!out.isEmpty()) {
            throw new IllegalStateException("re-entered");
        }
    }

    private List<OtrAccountOutput> end() {
        List<OtrAccountOutput> o = out;
        out = new ArrayList<>();
        return o;
    }

    @Override
    public String toString() {
        return "OtrMessaging[" + account + ", contacts=" + contacts.size() + ", key=" + (key != null) + "]";
    }
}
