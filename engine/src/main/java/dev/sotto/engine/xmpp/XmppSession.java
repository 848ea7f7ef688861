package dev.sotto.engine.xmpp;

import dev.sotto.engine.event.XmppEvent;
import static dev.sotto.engine.xmpp.XmppNamespaces.BIND;
import static dev.sotto.engine.xmpp.XmppNamespaces.DISCO_INFO;
import static dev.sotto.engine.xmpp.XmppNamespaces.PING;
import static dev.sotto.engine.xmpp.XmppNamespaces.ROSTER;
import static dev.sotto.engine.xmpp.XmppNamespaces.SASL;
import static dev.sotto.engine.xmpp.XmppNamespaces.STANZA_ERRORS;
import static dev.sotto.engine.xmpp.XmppNamespaces.STREAM_ERRORS;
import static dev.sotto.engine.xmpp.XmppNamespaces.TLS;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.xml.ElementBuilder;
import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.codecs.xml.XmlNamespaces;
import dev.sotto.codecs.xml.XmlNode;
import dev.sotto.codecs.xmpp.StreamClose;
import dev.sotto.codecs.xmpp.StreamElement;
import dev.sotto.codecs.xmpp.StreamEvent;
import dev.sotto.codecs.xmpp.StreamOpen;
import dev.sotto.codecs.xmpp.Stanzas;
import dev.sotto.codecs.xmpp.XmppStreamDecoder;
import dev.sotto.codecs.xmpp.XmppStreamEncoder;
import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.event.XmppEvent.AuthenticationFailed;
import dev.sotto.engine.event.XmppEvent.Connected;
import dev.sotto.engine.event.XmppEvent.Disconnected;
import dev.sotto.engine.xmpp.sasl.ScramClient;
import dev.sotto.engine.xmpp.sasl.ScramStep;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client connection's XMPP session as a sans-I/O state machine (DESIGN.md, Sans-I/O contract): bytes and
 * adapter facts in, {@link XmppOutput}s out. It never touches a socket, a clock or a random source it was not
 * given. It walks the {@link Phase} graph: stream header → features → STARTTLS → TLS → SASL → bind → ready.
 *
 * <p>Security rules it enforces: under {@link TlsPolicy#REQUIRED} nothing but a stream header and
 * {@code <starttls/>} is sent before TLS; PLAIN is used only inside TLS; a SCRAM server signature that does not
 * verify fails the login; an authentication failure is reported once and never retried; plaintext received after
 * {@code <proceed/>} ends the connection (no STARTTLS command injection).
 *
 * <p>Not thread-safe: the adapter calls it from the connection's event loop only.
 */
public final class XmppSession {

    /** Timer ids. */
    public static final String TIMER_NEGOTIATION = "negotiation";
    public static final String TIMER_KEEPALIVE = "keepalive";
    public static final String TIMER_PING_TIMEOUT = "ping-timeout";

    private static final Set<String> NO_RETRY_STREAM_ERRORS = Set.of("conflict", "not-authorized", "host-unknown",
            "improper-addressing", "invalid-from", "unsupported-version");

    private final XmppAccount account;
    private final Jid accountJid;
    private final XmppSessionConfig config;
    private final SecureRandom random;
    private final boolean clientSupportsChannelBinding;
    private final XmppStreamDecoder decoder;
    private XmppStreamEncoder encoder = new XmppStreamEncoder();
    private final String idPrefix;
    private long idCounter;

    private Phase phase = Phase.IDLE;
    private boolean tlsActive;
    private boolean authenticated;
    private ScramClient scram;
    private boolean scramVerified;
    private boolean awaitingFinal;
    private String bindId;
    private String keepaliveId;
    private Jid boundJid;
    private final Map<String, String> pendingRoster = new HashMap<>();
    private List<XmppOutput> out = new ArrayList<>();

    /**
     * @param random the injected random source (nonces, stanza ids); tests pass a seeded DRBG
     * @param clientSupportsChannelBinding whether the adapter can supply channel binding data (JSSE: no)
     */
    public XmppSession(XmppAccount account, XmppSessionConfig config, SecureRandom random,
            boolean clientSupportsChannelBinding) {
        this.account = account;
        this.accountJid = account.jid();
        this.config = config;
        this.random = random;
        this.clientSupportsChannelBinding = clientSupportsChannelBinding;
        this.decoder = new XmppStreamDecoder(config.xmlLimits());
        byte[] b = new byte[4];
        random.nextBytes(b);
        this.idPrefix = HexFormat.of().formatHex(b);
    }

    public Phase phase() {
        return phase;
    }

    /** The full JID the server bound, or {@code null} before {@link Phase#READY}. */
    public Jid boundJid() {
        return boundJid;
    }

    /** Whether TLS protects the connection. */
    public boolean tlsActive() {
        return tlsActive;
    }

    // ---------------------------------------------------------------- inputs from the adapter

    /** The TCP connection is up: send the initial stream header (RFC 6120 §4.2). */
    public List<XmppOutput> start(long now) {
        begin();
        move(Phase.AWAIT_FEATURES);
        openStream();
        out.add(new XmppOutput.ArmTimer(TIMER_NEGOTIATION, now + config.negotiationTimeoutNanos()));
        return end();
    }

    /** Bytes from the connection (already decrypted when TLS is up). */
    public List<XmppOutput> receive(byte[] src, int off, int len, long now) {
        begin();
        int pos = off;
        int limit = off + len;
        while (pos < limit && phase != Phase.CLOSED) {
            if (phase == Phase.TLS_HANDSHAKE) {
                // RFC 6120 §5.4.3.3: nothing may follow <proceed/> in the clear; bytes here would be injected.
                shutdown("plaintext-after-proceed", true, false);
                break;
            }
            if (phase == Phase.IDLE) {
                shutdown("data-before-stream-start", true, false); // the server spoke before we opened the stream
                break;
            }
            DecodeResult<StreamEvent> r = decoder.decode(src, pos, limit - pos);
            if (r instanceof DecodeResult.Ok<StreamEvent> ok) {
                pos += ok.consumed();
                handle(ok.value(), now);
                if (phase == Phase.TLS_HANDSHAKE && pos < limit) {
                    // RFC 6120 §5.4.3.3: nothing may follow <proceed/> in the clear; such bytes would be injected.
                    out.removeIf(o -> o instanceof XmppOutput.StartTls);
                    shutdown("plaintext-after-proceed", true, false);
                }
            } else if (r instanceof DecodeResult.NeedMore<StreamEvent>) {
                break;
            } else if (r instanceof DecodeResult.Malformed<StreamEvent> bad) {
                streamError(bad.condition());
                break;
            }
        }
        return end();
    }

    /** The TLS handshake succeeded and the certificate is trusted: restart the stream (RFC 6120 §5.4.3.3). */
    public List<XmppOutput> tlsEstablished(String protocol, String certificateSha256, long now) {
        begin();
        if (phase != Phase.TLS_HANDSHAKE) {
            return end();
        }
        tlsActive = true;
        emit(new XmppEvent.TlsEstablished(accountJid, protocol, certificateSha256));
        decoder.reset();
        encoder = new XmppStreamEncoder();
        move(Phase.AWAIT_FEATURES);
        openStream();
        return end();
    }

    /**
     * The TLS handshake failed. When the certificate was refused, {@code certificateSha256} names it and a
     * {@code CertificateUntrusted} event lets the user decide; no reconnect follows by itself.
     */
    public List<XmppOutput> tlsFailed(String certificateSha256, String reason, long now) {
        begin();
        if (phase == Phase.CLOSED) {
            return end();
        }
        if (certificateSha256 != null) {
            emit(new XmppEvent.CertificateUntrusted(accountJid, certificateSha256, reason));
            shutdown("certificate-untrusted", false, false);
        } else {
            shutdown("tls-handshake-failed", true, false);
        }
        return end();
    }

    /** The connection dropped. */
    public List<XmppOutput> connectionLost(long now) {
        begin();
        if (phase != Phase.CLOSED) {
            cancelTimers();
            phase = Phase.CLOSED;
            emit(new Disconnected(accountJid, "connection-lost", true));
        }
        return end();
    }

    /** A timer the adapter armed has fired. */
    public List<XmppOutput> timerFired(String id, long now) {
        begin();
        if (phase == Phase.CLOSED) {
            return end();
        }
        switch (id) {
            case TIMER_NEGOTIATION -> {
                if (phase != Phase.READY) {
                    shutdown("negotiation-timeout", true, true);
                }
            }
            case TIMER_KEEPALIVE -> {
                if (phase == Phase.READY) {
                    // XEP-0199 §4.1: client-to-server ping.
                    keepaliveId = nextId();
                    send(Stanzas.iq("get", keepaliveId).attribute("to", accountJid.domain())
                            .child(ElementBuilder.element(PING, "ping")).build());
                    out.add(new XmppOutput.ArmTimer(TIMER_PING_TIMEOUT, now + config.pingTimeoutNanos()));
                    out.add(new XmppOutput.ArmTimer(TIMER_KEEPALIVE, now + config.keepaliveIntervalNanos()));
                }
            }
            case TIMER_PING_TIMEOUT -> {
                if (keepaliveId != null) {
                    shutdown("ping-timeout", true, true);
                }
            }
            default -> { }
        }
        return end();
    }

    // ---------------------------------------------------------------- commands

    /** Sends a 1:1 chat message (RFC 6121 §5.2.2); fails with an event when not ready. */
    public List<XmppOutput> sendMessage(Jid to, String id, String thread, String body, long now) {
        begin();
        if (phase != Phase.READY) {
            emit(new XmppEvent.MessageFailed(accountJid, to, id, "not-connected"));
            return end();
        }
        ElementBuilder m = Stanzas.message(to.toString(), "chat").attribute("id", id).textChild("body", body);
        if (thread != null) {
            m.textChild("thread", thread);
        }
        byte[] bytes;
        try {
            bytes = encoder.encode(m.build());
        } catch (IllegalArgumentException e) {
            // XML cannot carry some characters (XML 1.0 §2.2): refuse rather than silently drop them.
            emit(new XmppEvent.MessageFailed(accountJid, to, id, "invalid-character"));
            return end();
        }
        out.add(new XmppOutput.Send(bytes));
        emit(new XmppEvent.MessageTransmitted(accountJid, to, id));
        return end();
    }

    /** Broadcasts our presence (RFC 6121 §4.2, §4.7); {@code priority} is clamped to -128..127. */
    public List<XmppOutput> setPresence(PresenceShow show, String status, int priority, long now) {
        begin();
        if (phase == Phase.READY) {
            sendPresence(show, status, priority);
        }
        return end();
    }

    /** Asks for the roster (RFC 6121 §2.2). */
    public List<XmppOutput> requestRoster(long now) {
        begin();
        if (phase == Phase.READY) {
            String id = nextId();
            pendingRoster.put(id, "get");
            send(Stanzas.iq("get", id).child(ElementBuilder.element(ROSTER, "query")).build());
        }
        return end();
    }

    /** Adds a contact to the roster (RFC 6121 §2.3) and asks for its presence (RFC 6121 §3.1.1). */
    public List<XmppOutput> addContact(Jid contact, String name, long now) {
        begin();
        if (phase == Phase.READY) {
            String id = nextId();
            pendingRoster.put(id, "set");
            send(Stanzas.iq("set", id).child(ElementBuilder.element(ROSTER, "query")
                    .child(ElementBuilder.element(ROSTER, "item").attribute("jid", contact.bare().toString())
                            .attribute("name", name))).build());
            send(Stanzas.presence().attribute("to", contact.bare().toString()).attribute("type", "subscribe").build());
        }
        return end();
    }

    /** Removes a contact (RFC 6121 §2.5), which also cancels both subscriptions. */
    public List<XmppOutput> removeContact(Jid contact, long now) {
        begin();
        if (phase == Phase.READY) {
            String id = nextId();
            pendingRoster.put(id, "set");
            send(Stanzas.iq("set", id).child(ElementBuilder.element(ROSTER, "query")
                    .child(ElementBuilder.element(ROSTER, "item").attribute("jid", contact.bare().toString())
                            .attribute("subscription", "remove"))).build());
        }
        return end();
    }

    /** Approves (RFC 6121 §3.1.4) or denies (§3.1.5) a subscription request. */
    public List<XmppOutput> answerSubscription(Jid contact, boolean approve, long now) {
        begin();
        if (phase == Phase.READY) {
            send(Stanzas.presence().attribute("to", contact.bare().toString())
                    .attribute("type", approve ? "subscribed" : "unsubscribed").build());
        }
        return end();
    }

    /** Ends the session politely (RFC 6120 §4.4). */
    public List<XmppOutput> close(long now) {
        begin();
        if (phase != Phase.CLOSED) {
            if (phase == Phase.READY) {
                send(Stanzas.presence().attribute("type", "unavailable").build());
            }
            shutdown("closed-by-user", false, phase != Phase.TLS_HANDSHAKE && phase != Phase.IDLE);
        }
        return end();
    }

    // ---------------------------------------------------------------- the phase graph

    private void handle(StreamEvent event, long now) {
        if (event instanceof StreamOpen open) {
            // RFC 6120 §4.7.5: we speak version 1.0 only.
            if (!"1.0".equals(open.version())) {
                streamError("unsupported-version");
            }
            return;
        }
        if (event instanceof StreamClose) {
            shutdown("closed-by-server", true, true);
            return;
        }
        XmlElement e = ((StreamElement) event).element();
        if (e.namespace().equals(XmlNamespaces.STREAMS) && e.localName().equals("error")) {
            receivedStreamError(e);
            return;
        }
        switch (phase) {
            case AWAIT_FEATURES -> features(e);
            case STARTTLS_REQUESTED -> startTlsAnswer(e);
            case AUTHENTICATING -> sasl(e);
            case BINDING -> bindAnswer(e, now);
            case READY -> stanza(e, now);
            default -> streamError("unsupported-stanza-type");
        }
    }

    /** RFC 6120 §4.3.2: what the server offers decides the next step. */
    private void features(XmlElement e) {
        if (!e.namespace().equals(XmlNamespaces.STREAMS) || !e.localName().equals("features")) {
            streamError("unsupported-stanza-type");
            return;
        }
        if (!tlsActive) {
            if (e.child(TLS, "starttls") != null) {
                move(Phase.STARTTLS_REQUESTED);
                send(ElementBuilder.element(TLS, "starttls").build()); // RFC 6120 §5.4.2.1
                return;
            }
            if (account.tlsPolicy() == TlsPolicy.REQUIRED) {
                // DESIGN.md, Secure by default: no credentials without TLS, even when the server offers none.
                shutdown("tls-not-offered", false, true);
                return;
            }
        }
        if (!authenticated) {
            authenticate(e.child(SASL, "mechanisms"));
            return;
        }
        if (e.child(BIND, "bind") == null) {
            shutdown("bind-not-offered", false, true);
            return;
        }
        move(Phase.BINDING);
        bindId = nextId();
        ElementBuilder bind = ElementBuilder.element(BIND, "bind");
        if (account.resource() != null) {
            bind.textChild("resource", account.resource());
        }
        send(Stanzas.iq("set", bindId).child(bind).build()); // RFC 6120 §7.6.1
    }

    private void startTlsAnswer(XmlElement e) {
        if (e.namespace().equals(TLS) && e.localName().equals("proceed")) {
            move(Phase.TLS_HANDSHAKE);
            out.add(new XmppOutput.StartTls());
        } else if (e.namespace().equals(TLS) && e.localName().equals("failure")) {
            // RFC 6120 §5.4.2.2: the server closes the stream and the connection.
            shutdown("starttls-failure", true, false);
        } else {
            streamError("unsupported-stanza-type");
        }
    }

    /** RFC 6120 §6.3.3: the strongest mechanism both sides support; PLAIN only inside TLS (RFC 6120 §13.8). */
    private void authenticate(XmlElement mechanisms) {
        List<String> offered = new ArrayList<>();
        if (mechanisms != null) {
            for (XmlNode n : mechanisms.children()) {
                if (n instanceof XmlElement m && m.namespace().equals(SASL) && m.localName().equals("mechanism")) {
                    offered.add(m.text().trim());
                }
            }
        }
        String choice = SaslMechanismChoice.choose(offered, tlsActive);
        if (choice == null) {
            emit(new AuthenticationFailed(accountJid, "no-acceptable-mechanism", false));
            shutdown("authentication-failed", false, true);
            return;
        }
        move(Phase.AUTHENTICATING);
        byte[] initial;
        if (choice.equals("PLAIN")) {
            initial = plainMessage();
        } else {
            boolean plusOffered = offered.stream().anyMatch(m -> m.endsWith("-PLUS"));
            scram = new ScramClient(SaslMechanismChoice.scramAlgorithm(choice), accountJid.local(), account.password(),
                    nonce(), clientSupportsChannelBinding, plusOffered, config.scramLimits());
            initial = scram.clientFirstMessage().getBytes(StandardCharsets.UTF_8);
        }
        send(ElementBuilder.element(SASL, "auth").attribute("mechanism", choice)
                .text(Base64.getEncoder().encodeToString(initial)).build());
        Arrays.fill(initial, (byte) 0);
    }

    /** RFC 4616 §2: message = [authzid] UTF8NUL authcid UTF8NUL passwd. */
    private byte[] plainMessage() {
        byte[] user = accountJid.local().getBytes(StandardCharsets.UTF_8);
        byte[] pw = account.password().bytes();
        byte[] m = new byte[2 + user.length + pw.length];
        System.arraycopy(user, 0, m, 1, user.length);
        System.arraycopy(pw, 0, m, 2 + user.length, pw.length);
        Arrays.fill(pw, (byte) 0);
        return m;
    }

    private void sasl(XmlElement e) {
        if (!e.namespace().equals(SASL)) {
            streamError("unsupported-stanza-type");
            return;
        }
        switch (e.localName()) {
            case "challenge" -> {
                byte[] data = saslData(e);
                if (data == null) {
                    return;
                }
                if (scram == null) {
                    authFailedLocally("unexpected-challenge");
                    return;
                }
                String text = new String(data, StandardCharsets.UTF_8);
                ScramStep step = awaitingFinal ? scram.handleServerFinal(text) : scram.handleServerFirst(text);
                if (step instanceof ScramStep.Respond r) {
                    send(ElementBuilder.element(SASL, "response")
                            .text(Base64.getEncoder().encodeToString(r.message().getBytes(StandardCharsets.UTF_8)))
                            .build());
                    awaitingFinal = true;
                } else if (step instanceof ScramStep.Verified) {
                    // RFC 6120 §6.4.3: server-final as a challenge; answer with an empty response.
                    scramVerified = true;
                    send(ElementBuilder.element(SASL, "response").build());
                } else if (step instanceof ScramStep.Failed f) {
                    authFailedLocally(f.reason());
                }
            }
            case "success" -> {
                byte[] data = saslData(e);
                if (data == null) {
                    return;
                }
                if (scram != null && !scramVerified) {
                    // RFC 5802 §5: the server must prove it knows the password; its signature comes here.
                    if (data.length == 0 || !awaitingFinal) {
                        authFailedLocally("server-signature-missing");
                        return;
                    }
                    ScramStep step = scram.handleServerFinal(new String(data, StandardCharsets.UTF_8));
                    if (!(step instanceof ScramStep.Verified)) {
                        authFailedLocally(((ScramStep.Failed) step).reason());
                        return;
                    }
                }
                authenticated = true;
                scram = null;
                // RFC 6120 §6.4.6: restart the stream; bytes after <success/> belong to the new one.
                decoder.reset();
                encoder = new XmppStreamEncoder();
                move(Phase.AWAIT_FEATURES);
                openStream();
            }
            case "failure" -> {
                // RFC 6120 §6.5: report the server's condition once; never retry (no retry storm).
                String condition = "not-authorized";
                for (XmlNode n : e.children()) {
                    if (n instanceof XmlElement c && c.namespace().equals(SASL) && !c.localName().equals("text")) {
                        condition = c.localName();
                        break;
                    }
                }
                emit(new AuthenticationFailed(accountJid, condition, true));
                shutdown("authentication-failed", false, true);
            }
            default -> streamError("unsupported-stanza-type");
        }
    }

    /** The base64 payload of a SASL element (RFC 6120 §6.4.2: "=" is empty), or null after failing. */
    private byte[] saslData(XmlElement e) {
        String text = e.text().trim();
        if (text.isEmpty() || text.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException ex) {
            authFailedLocally("incorrect-encoding");
            return null;
        }
    }

    private void authFailedLocally(String reason) {
        emit(new AuthenticationFailed(accountJid, reason, false));
        shutdown("authentication-failed", false, true);
    }

    private void bindAnswer(XmlElement e, long now) {
        if (!isIq(e) || !bindId.equals(e.attribute("id"))) {
            streamError("unsupported-stanza-type");
            return;
        }
        if ("result".equals(e.attribute("type"))) {
            XmlElement bind = e.child(BIND, "bind");
            XmlElement jidElement = bind == null ? null : bind.child(BIND, "jid");
            Jid jid = jidElement == null ? null : Jid.parse(jidElement.text().trim());
            if (jid == null || !jid.isFull() || !jid.bare().equals(accountJid)) {
                shutdown("bind-failed", true, true);
                return;
            }
            boundJid = jid;
            move(Phase.READY);
            out.add(new XmppOutput.CancelTimer(TIMER_NEGOTIATION));
            out.add(new XmppOutput.ArmTimer(TIMER_KEEPALIVE, now + config.keepaliveIntervalNanos()));
            emit(new Connected(accountJid, boundJid));
            // RFC 6121 §2.2 and §4.2: roster first, then initial presence.
            String id = nextId();
            pendingRoster.put(id, "get");
            send(Stanzas.iq("get", id).child(ElementBuilder.element(ROSTER, "query")).build());
            sendPresence(PresenceShow.AVAILABLE, null, 0);
        } else {
            shutdown("bind-failed", false, true);
        }
    }

    // ---------------------------------------------------------------- stanzas (RFC 6120 §8, RFC 6121)

    private void stanza(XmlElement e, long now) {
        if (!e.namespace().equals(XmlNamespaces.JABBER_CLIENT)) {
            streamError("unsupported-stanza-type");
            return;
        }
        switch (e.localName()) {
            case "message" -> message(e);
            case "presence" -> presence(e);
            case "iq" -> iq(e, now);
            default -> streamError("unsupported-stanza-type");
        }
    }

    private void message(XmlElement e) {
        Jid from = e.attribute("from") == null ? new Jid(null, accountJid.domain(), null) : Jid.parse(e.attribute("from"));
        if (from == null) {
            return; // RFC 6120 §8.1.2.1: a stanza with a bad 'from' is not ours to process
        }
        String type = e.attribute("type") == null ? "normal" : e.attribute("type");
        String id = e.attribute("id");
        if (type.equals("error")) {
            emit(new XmppEvent.MessageFailed(accountJid, from, id, stanzaErrorCondition(e)));
            return;
        }
        XmlElement body = e.child(XmlNamespaces.JABBER_CLIENT, "body");
        if (body == null) {
            return; // chat states, receipts and the like are not messages to show
        }
        XmlElement thread = e.child(XmlNamespaces.JABBER_CLIENT, "thread");
        emit(new XmppEvent.MessageReceived(accountJid, from, id, thread == null ? null : thread.text(), type,
                body.text()));
    }

    private void presence(XmlElement e) {
        Jid from = Jid.parse(e.attribute("from"));
        if (from == null) {
            return;
        }
        String type = e.attribute("type");
        if (type == null || type.equals("unavailable")) {
            XmlElement show = e.child(XmlNamespaces.JABBER_CLIENT, "show");
            XmlElement status = e.child(XmlNamespaces.JABBER_CLIENT, "status");
            XmlElement priority = e.child(XmlNamespaces.JABBER_CLIENT, "priority");
            int p = 0;
            if (priority != null) {
                try {
                    p = Math.max(-128, Math.min(127, Integer.parseInt(priority.text().trim()))); // RFC 6121 §4.7.2.3
                } catch (NumberFormatException ignored) {
                    p = 0;
                }
            }
            PresenceShow s = type != null ? PresenceShow.UNAVAILABLE
                    : PresenceShow.fromShow(show == null ? null : show.text().trim());
            emit(new XmppEvent.PresenceReceived(accountJid, from, s, status == null ? null : status.text(), p));
        } else if (type.equals("subscribe") || type.equals("subscribed") || type.equals("unsubscribe")
                || type.equals("unsubscribed")) {
            emit(new XmppEvent.SubscriptionReceived(accountJid, from.bare(), type));
        }
    }

    private void iq(XmlElement e, long now) {
        String type = e.attribute("type");
        String id = e.attribute("id");
        if (type == null || id == null) {
            return; // RFC 6120 §8.2.3: both are required; nothing sensible to answer
        }
        String fromAttr = e.attribute("from");
        boolean fromServerOrSelf = fromAttr == null || fromAttr.equals(accountJid.toString())
                || fromAttr.equals(accountJid.domain()) || fromAttr.equals(String.valueOf(boundJid));
        switch (type) {
            case "result", "error" -> {
                if (id.equals(keepaliveId)) {
                    keepaliveId = null;
                    out.add(new XmppOutput.CancelTimer(TIMER_PING_TIMEOUT));
                    return;
                }
                String kind = pendingRoster.remove(id);
                if (kind != null && fromServerOrSelf && type.equals("result") && kind.equals("get")) {
                    emit(new XmppEvent.RosterReceived(accountJid, rosterItems(e.child(ROSTER, "query"))));
                }
            }
            case "get", "set" -> {
                XmlElement payload = firstChildElement(e);
                if (payload != null && type.equals("set") && payload.namespace().equals(ROSTER)
                        && payload.localName().equals("query")) {
                    // RFC 6121 §2.1.6: a push from anyone but our own account is ignored.
                    if (!fromServerOrSelf || fromAttr != null && fromAttr.equals(accountJid.domain())) {
                        return;
                    }
                    for (RosterItem item : rosterItems(payload)) {
                        emit(new XmppEvent.RosterPushed(accountJid, item));
                    }
                    send(Stanzas.iq("result", id).attribute("to", fromAttr).build());
                } else if (payload != null && type.equals("get") && payload.namespace().equals(PING)) {
                    send(Stanzas.iq("result", id).attribute("to", fromAttr).build()); // XEP-0199 §4.2
                } else if (payload != null && type.equals("get") && payload.namespace().equals(DISCO_INFO)
                        && payload.localName().equals("query")) {
                    // XEP-0030 §3.1: identity and features.
                    send(Stanzas.iq("result", id).attribute("to", fromAttr)
                            .child(ElementBuilder.element(DISCO_INFO, "query")
                                    .attribute("node", payload.attribute("node"))
                                    .child(ElementBuilder.element(DISCO_INFO, "identity").attribute("category", "client")
                                            .attribute("type", "pc").attribute("name", "Sotto"))
                                    .child(ElementBuilder.element(DISCO_INFO, "feature").attribute("var", DISCO_INFO))
                                    .child(ElementBuilder.element(DISCO_INFO, "feature").attribute("var", PING)))
                            .build());
                } else {
                    // RFC 6120 §8.4: an iq we do not understand gets service-unavailable.
                    send(Stanzas.iq("error", id).attribute("to", fromAttr)
                            .child(ElementBuilder.element(XmlNamespaces.JABBER_CLIENT, "error").attribute("type", "cancel")
                                    .child(ElementBuilder.element(STANZA_ERRORS, "service-unavailable")))
                            .build());
                }
            }
            default -> { }
        }
    }

    private static List<RosterItem> rosterItems(XmlElement query) {
        List<RosterItem> items = new ArrayList<>();
        if (query == null) {
            return items;
        }
        for (XmlNode n : query.children()) {
            if (n instanceof XmlElement item && item.namespace().equals(ROSTER) && item.localName().equals("item")) {
                Jid jid = Jid.parse(item.attribute("jid"));
                if (jid == null) {
                    continue;
                }
                List<String> groups = new ArrayList<>();
                for (XmlNode g : item.children()) {
                    if (g instanceof XmlElement ge && ge.namespace().equals(ROSTER) && ge.localName().equals("group")) {
                        groups.add(ge.text());
                    }
                }
                String subscription = item.attribute("subscription");
                items.add(new RosterItem(jid.bare(), item.attribute("name"),
                        subscription == null ? "none" : subscription, "subscribe".equals(item.attribute("ask")), groups));
            }
        }
        return items;
    }

    private static XmlElement firstChildElement(XmlElement e) {
        for (XmlNode n : e.children()) {
            if (n instanceof XmlElement c) {
                return c;
            }
        }
        return null;
    }

    private static String stanzaErrorCondition(XmlElement stanza) {
        XmlElement error = stanza.child(XmlNamespaces.JABBER_CLIENT, "error");
        if (error != null) {
            for (XmlNode n : error.children()) {
                if (n instanceof XmlElement c && c.namespace().equals(STANZA_ERRORS) && !c.localName().equals("text")) {
                    return c.localName();
                }
            }
        }
        return "undefined-condition";
    }

    /** RFC 6120 §4.9: the server ends the stream. */
    private void receivedStreamError(XmlElement e) {
        String condition = "undefined-condition";
        String seeOtherHost = null;
        for (XmlNode n : e.children()) {
            if (n instanceof XmlElement c && c.namespace().equals(STREAM_ERRORS) && !c.localName().equals("text")) {
                condition = c.localName();
                if (condition.equals("see-other-host")) {
                    seeOtherHost = c.text().trim(); // RFC 6120 §4.9.3.19
                }
                break;
            }
        }
        emit(new XmppEvent.StreamErrorReceived(accountJid, condition, seeOtherHost));
        shutdown(condition, !NO_RETRY_STREAM_ERRORS.contains(condition), true);
    }

    // ---------------------------------------------------------------- helpers

    /** RFC 6120 §4.9.1.1: send the error, close the stream, close the connection. */
    private void streamError(String condition) {
        if (phase == Phase.CLOSED) {
            return;
        }
        send(ElementBuilder.element(XmlNamespaces.STREAMS, "error")
                .child(ElementBuilder.element(STREAM_ERRORS, condition)).build());
        emit(new XmppEvent.StreamErrorSent(accountJid, condition));
        shutdown(condition, true, true);
    }

    private void shutdown(String reason, boolean retry, boolean closeStream) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (closeStream) {
            out.add(new XmppOutput.Send(encoder.encode(new StreamClose())));
        }
        cancelTimers();
        phase = Phase.CLOSED;
        emit(new Disconnected(accountJid, reason, retry));
        out.add(new XmppOutput.Close());
    }

    private void cancelTimers() {
        out.add(new XmppOutput.CancelTimer(TIMER_NEGOTIATION));
        out.add(new XmppOutput.CancelTimer(TIMER_KEEPALIVE));
        out.add(new XmppOutput.CancelTimer(TIMER_PING_TIMEOUT));
    }

    private void sendPresence(PresenceShow show, String status, int priority) {
        ElementBuilder p = Stanzas.presence();
        if (show == PresenceShow.UNAVAILABLE) {
            p.attribute("type", "unavailable");
        } else if (show.wire() != null) {
            p.textChild("show", show.wire());
        }
        if (status != null) {
            p.textChild("status", status);
        }
        int clamped = Math.max(-128, Math.min(127, priority));
        if (clamped != 0 && show != PresenceShow.UNAVAILABLE) {
            p.textChild("priority", Integer.toString(clamped));
        }
        send(p.build());
    }

    private void openStream() {
        // RFC 6120 §4.7.1: 'from' only once the stream is protected.
        out.add(new XmppOutput.Send(encoder.encode(StreamOpen.client(tlsActive ? accountJid.toString() : null,
                accountJid.domain(), null))));
    }

    private void send(XmlElement e) {
        out.add(new XmppOutput.Send(encoder.encode(e)));
    }

    private void emit(XmppEvent event) {
        out.add(new XmppOutput.Emit(event));
    }

    private void move(Phase next) {
        if (!phase.canMoveTo(next)) {
            throw new IllegalStateException("no edge " + phase + " -> " + next);
        }
        phase = next;
    }

    private String nextId() {
        return idPrefix + "-" + (++idCounter);
    }

    /** RFC 5802 §5.1 'r': a fresh nonce from the injected random source (24 bytes, base64 without ','). */
    private String nonce() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    private void begin() {
        out = new ArrayList<>();
    }

    private List<XmppOutput> end() {
        List<XmppOutput> result = List.copyOf(out);
        out = new ArrayList<>();
        return result;
    }

    private static boolean isIq(XmlElement e) {
        return e.namespace().equals(XmlNamespaces.JABBER_CLIENT) && e.localName().equals("iq");
    }

    @Override
    public String toString() {
        return "XmppSession[" + accountJid + ", " + phase + "]";
    }
}
