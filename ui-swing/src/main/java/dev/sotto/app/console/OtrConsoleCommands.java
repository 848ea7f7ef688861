package dev.sotto.app.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.engine.event.OtrFingerprintSeen;
import dev.sotto.engine.event.OtrHistoryPolicyChanged;
import dev.sotto.engine.event.OtrInstanceTagAssigned;
import dev.sotto.engine.event.OtrPolicyChanged;
import dev.sotto.engine.event.OtrKeyGenerated;
import dev.sotto.engine.event.OtrTrust;
import dev.sotto.engine.event.OtrTrustChanged;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.otr.Fingerprint;
import dev.sotto.engine.otr.OtrAccountEvent;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.otr.OtrInterceptor;
import dev.sotto.engine.otr.OtrNotice;
import dev.sotto.engine.otr.OtrPolicy;
import dev.sotto.engine.otr.OtrXmppAccount;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.persistence.log.EventLog;
import dev.sotto.persistence.log.LogTamperedException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The console's OTR commands (issue 6) and the JSON view of OTR events (DESIGN.md, Console contract). Installs
 * OTR on the engine ({@link OtrInterceptor}), so {@code send} goes through OTR. Secrets (SMP secrets, private keys,
 * extra symmetric keys) are never printed.
 *
 * <pre>
 * otr start|end FROM TO            otr smp FROM TO SECRET [QUESTION]     otr smp-answer FROM TO SECRET
 * otr smp-abort FROM TO            otr trust|distrust FROM TO FINGERPRINT
 * otr policy FROM TO never|manual|opportunistic|always [3|23] [history|no-history]
 * otr send-plaintext FROM TO TEXT  (the explicit confirmation to send in clear to a contact that has been private)
 * </pre>
 */
public final class OtrConsoleCommands implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper();
    private final SottoEngine engine;
    private final OtrInterceptor otr;
    private final ExecutorService crypto;

    private OtrConsoleCommands(SottoEngine engine, OtrInterceptor otr, ExecutorService crypto) {
        this.engine = engine;
        this.otr = otr;
        this.crypto = crypto;
    }

    /**
     * Installs OTR on {@code engine} and its commands and event view on {@code console}; {@code log} (null without
     * a vault) gives back each account's key, instance tag, fingerprints and trust.
     */
    public static OtrConsoleCommands install(SottoEngine engine, XmppConsole console, EventLog log)
            throws LogTamperedException {
        ExecutorService crypto = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sotto-otr-crypto");
            t.setDaemon(true);
            return t;
        });
        OtrConsoleCommands c = new OtrConsoleCommands(engine,
                OtrInterceptor.install(engine, log, crypto, new SecureRandom()), crypto);
        c.register(console);
        console.addView(c::view);
        return c;
    }

    private void register(XmppConsole console) {
        console.register("otr start", (a, l) -> account(a, 2, "otr start FROM-JID TO-JID").startPrivate(to(a)));
        console.register("otr end", (a, l) -> account(a, 2, "otr end FROM-JID TO-JID").endPrivate(to(a)));
        console.register("otr smp", (a, l) -> {
            OtrXmppAccount acc = account(a, 3, "otr smp FROM-JID TO-JID SECRET [QUESTION]");
            String[] parts = l.strip().split("\\s+", 6);
            acc.smpStart(to(a), dev.sotto.engine.crypto.Secret.ofUtf8(a[2]), parts.length > 5 ? parts[5] : null);
        });
        console.register("otr smp-answer", (a, l) -> account(a, 3, "otr smp-answer FROM-JID TO-JID SECRET")
                .smpAnswer(to(a), dev.sotto.engine.crypto.Secret.ofUtf8(a[2])));
        console.register("otr smp-abort", (a, l) -> account(a, 2, "otr smp-abort FROM-JID TO-JID").smpAbort(to(a)));
        console.register("otr trust", (a, l) -> trust(a, true));
        console.register("otr distrust", (a, l) -> trust(a, false));
        console.register("otr policy", this::policy);
        console.register("otr send-plaintext", (a, l) -> {
            OtrXmppAccount acc = account(a, 3, "otr send-plaintext FROM-JID TO-JID TEXT");
            String[] parts = l.strip().split("\\s+", 5);
            if (parts.length < 5) {
                throw new IllegalArgumentException("usage: otr send-plaintext FROM-JID TO-JID TEXT");
            }
            acc.sendPlaintext(to(a), parts[4]);
        });
    }

    @Override
    public void close() {
        crypto.shutdownNow();
    }

    // ----------------------------------------------------------------- commands

    private void trust(String[] a, boolean trusted) {
        OtrXmppAccount acc = account(a, 3, "otr trust|distrust FROM-JID TO-JID FINGERPRINT");
        // DESIGN.md, Console contract: fingerprints are accepted with or without separators.
        Fingerprint f = Fingerprint.parse(String.join("", java.util.Arrays.copyOfRange(a, 2, a.length)));
        if (f == null) {
            throw new IllegalArgumentException("an OTR fingerprint is 40 hex digits");
        }
        acc.decideTrust(to(a), f, trusted);
    }

    private void policy(String[] a, String line) {
        String usage = "otr policy FROM-JID TO-JID never|manual|opportunistic|always [3|23] [history|no-history]";
        OtrXmppAccount acc = account(a, 3, usage);
        boolean v2 = false;
        Boolean history = null;
        for (int i = 3; i < a.length; i++) {
            switch (a[i]) {
                case "3" -> v2 = false;
                case "23" -> v2 = true;
                case "history" -> history = true;
                case "no-history" -> history = false;
                default -> throw new IllegalArgumentException("usage: " + usage);
            }
        }
        OtrPolicy p;
        try {
            p = OtrPolicy.named(a[2], v2);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        acc.setPolicy(to(a), p, a[2], history);
    }

    private OtrXmppAccount account(String[] a, int n, String usage) {
        if (a.length < n) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        Jid from = jid(a[0]).bare();
        if (!engine.state().accounts().containsKey(from)) {
            throw new IllegalArgumentException("no such account");
        }
        return otr.account(from);
    }

    /** TO-JID: a full JID picks the contact's resource (XEP-0364 §4.2). */
    private static Jid to(String[] a) {
        return jid(a[1]);
    }

    private static Jid jid(String s) {
        Jid j = Jid.parse(s);
        if (j == null) {
            throw new IllegalArgumentException("not a JID");
        }
        return j;
    }

    // ----------------------------------------------------------------- events as JSON

    /** The lines of an OTR event, an empty list for what OTR already shows, null for others' events. */
    private List<ObjectNode> view(Object e) {
        if (e instanceof XmppEvent.MessageReceived || e instanceof XmppEvent.MessageSent) {
            return List.of(); // the durable copy of a message OTR published as a ChatMessage already
        }
        if (e instanceof OtrAccountEvent a) {
            return List.of(json(a));
        }
        if (e instanceof OtrKeyGenerated k) {
            ObjectNode n = event("OtrKeyGenerated", Jid.parse(k.account()));
            n.put("fingerprint", k.fingerprint()); // the private key is never printed
            return List.of(n);
        }
        if (e instanceof OtrFingerprintSeen f) {
            ObjectNode n = event("OtrFingerprintSeen", Jid.parse(f.account()));
            n.put("contact", f.contact());
            n.put("fingerprint", f.fingerprint());
            return List.of(n);
        }
        if (e instanceof OtrTrustChanged t) {
            ObjectNode n = event("OtrTrustChanged", Jid.parse(t.account()));
            n.put("contact", t.contact());
            n.put("fingerprint", t.fingerprint());
            n.put("trust", t.trust().name());
            return List.of(n);
        }
        if (e instanceof OtrPolicyChanged) {
            return List.of(); // the transient OtrAccountEvent.PolicyChanged is printed
        }
        if (e instanceof OtrHistoryPolicyChanged h) {
            ObjectNode n = event("OtrHistoryPolicyChanged", Jid.parse(h.account()));
            n.put("contact", h.contact());
            n.put("keepHistory", h.keepHistory());
            return List.of(n);
        }
        if (e instanceof OtrInstanceTagAssigned i) {
            ObjectNode n = event("OtrInstanceTagAssigned", Jid.parse(i.account()));
            n.put("instanceTag", String.format("%08x", i.instanceTag()));
            return List.of(n);
        }
        return null;
    }

    private ObjectNode json(OtrAccountEvent e) {
        if (e instanceof OtrAccountEvent.ChatMessage m) {
            ObjectNode n = event(m.outgoing() ? "OtrMessageSent" : "MessageReceived", m.account());
            n.put(m.outgoing() ? "to" : "from", String.valueOf(m.peer() != null ? m.peer() : m.contact()));
            n.put("contact", m.contact().toString());
            n.put("id", m.localId());
            if (!m.outgoing()) {
                n.put("body", m.text());
            }
            n.put("encrypted", m.encrypted());
            n.put("stored", m.store());
            n.put("unencryptedWarning", m.warning());
            n.put("carbon", m.carbon());
            return n;
        }
        if (e instanceof OtrAccountEvent.Notice notice) {
            return notice(notice);
        }
        if (e instanceof OtrAccountEvent.SendHeld h) {
            ObjectNode n = event("OtrSendHeld", h.account());
            n.put("contact", h.contact().toString());
            n.put("id", h.localId());
            n.put("reason", h.reason());
            return n;
        }
        if (e instanceof OtrAccountEvent.SendFailed f) {
            ObjectNode n = event("OtrSendFailed", f.account());
            n.put("contact", f.contact().toString());
            n.put("id", f.localId());
            n.put("reason", f.reason());
            return n;
        }
        if (e instanceof OtrAccountEvent.KeyReady k) {
            ObjectNode n = event("OtrKeyReady", k.account());
            n.put("fingerprint", k.fingerprint());
            n.put("generated", k.generated());
            return n;
        }
        OtrAccountEvent.PolicyChanged p = (OtrAccountEvent.PolicyChanged) e;
        ObjectNode n = event("OtrPolicyChanged", p.account());
        n.put("contact", p.contact().toString());
        n.put("policy", p.policy());
        n.put("versions", p.allowV2() ? "23" : "3");
        return n;
    }

    private ObjectNode notice(OtrAccountEvent.Notice e) {
        OtrNotice notice = e.notice();
        ObjectNode n;
        if (notice instanceof OtrNotice.WentPrivate p) {
            n = state(e, "private");
            n.put("version", p.version());
            n.put("instance", String.format("%08x", p.theirInstance()));
            n.put("fingerprint", p.theirFingerprint().display());
            n.put("ssid", p.ssid());
            OtrTrust t;
            try {
                t = otr.account(e.account()).query(m -> m.trustBook().trust(e.contact().toString(),
                        p.theirFingerprint())).get(2, TimeUnit.SECONDS);
            } catch (Exception ex) {
                t = null;
            }
            n.put("trust", t == null ? OtrTrust.UNVERIFIED.name() : t.name());
        } else if (notice instanceof OtrNotice.PeerEnded) {
            n = state(e, "finished");
        } else if (notice instanceof OtrNotice.WentPlaintext) {
            n = state(e, "plaintext");
        } else if (notice instanceof OtrNotice.SmpRequested r) {
            n = base("OtrSmpRequested", e);
            if (r.question() == null) {
                n.putNull("question");
            } else {
                n.put("question", r.question());
            }
        } else if (notice instanceof OtrNotice.SmpResult r) {
            n = base("OtrSmpResult", e);
            n.put("success", r.success());
        } else if (notice instanceof OtrNotice.SmpAborted r) {
            n = base("OtrSmpAborted", e);
            n.put("local", r.local());
        } else if (notice instanceof OtrNotice.SmpCheated r) {
            n = base("OtrSmpCheated", e);
            n.put("check", r.check());
        } else {
            n = base("OtrNotice", e);
            n.put("kind", notice.getClass().getSimpleName());
            if (notice instanceof OtrNotice.Ignored i) {
                n.put("condition", i.condition());
            } else if (notice instanceof OtrNotice.UnreadableMessage u) {
                n.put("condition", u.condition());
            } else if (notice instanceof OtrNotice.SendHeld h) {
                n.put("condition", h.reason());
            } else if (notice instanceof OtrNotice.AkeProgress a) {
                n.put("condition", a.state());
            }
            // ErrorReceived details are the peer's free text, ExtraSymmetricKey holds a key: neither is printed.
        }
        return n;
    }

    private ObjectNode state(OtrAccountEvent.Notice e, String state) {
        ObjectNode n = base("OtrStateChanged", e);
        n.put("state", state);
        return n;
    }

    private ObjectNode base(String name, OtrAccountEvent.Notice e) {
        ObjectNode n = event(name, e.account());
        n.put("contact", e.contact().toString());
        if (e.peer() == null) {
            n.putNull("peer");
        } else {
            n.put("peer", e.peer().toString());
        }
        return n;
    }

    private ObjectNode event(String name, Jid account) {
        ObjectNode n = mapper.createObjectNode();
        n.put("event", name);
        n.put("account", String.valueOf(account));
        return n;
    }
}
