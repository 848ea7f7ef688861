package dev.sotto.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.xmpp.CertificateFingerprint;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PresenceShow;
import dev.sotto.engine.xmpp.ReconnectBackoff;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.engine.xmpp.XmppClient;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.XmppSessionConfig;
import io.netty.channel.EventLoopGroup;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The scriptable console over the XMPP engine: one command per line in, one JSON object per line out (issue 5,
 * DESIGN.md Console contract). Commands register in {@link #COMMANDS}-style table below so later issues add
 * theirs without touching the others. Accounts live in memory only for now (the vault is not wired yet).
 */
public final class XmppConsole {

    /** A console command: the tokens after its name, and the raw rest of the line for free text. */
    interface Handler {
        void run(String[] args, String line) throws ConsoleException;
    }

    /** A bad command: reported as an Error line, never a crash. Its message never holds the command line. */
    static final class ConsoleException extends Exception {
        ConsoleException(String message) {
            super(message);
        }
    }

    private static final long QUEUE_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final EventLoopGroup group;
    private final Consumer<String> out;
    private final ObjectMapper mapper = new ObjectMapper();
    private final EventJson eventJson = new EventJson(mapper);
    private final SecureRandom random = new SecureRandom();
    private final Map<Jid, XmppAccount> accounts = new LinkedHashMap<>();
    private final Map<Jid, XmppClient> clients = new LinkedHashMap<>();
    private final Map<String, Handler> commands = new LinkedHashMap<>();
    private final OtrConsoleCommands otr = new OtrConsoleCommands(mapper, this::print, this::onEvent, random);
    private boolean quit;

    public XmppConsole(EventLoopGroup group, Consumer<String> out) {
        this.group = group;
        this.out = out;
        commands.put("account add", this::accountAdd);
        commands.put("account pin", this::accountPin);
        commands.put("connect", this::connect);
        commands.put("disconnect", this::disconnect);
        commands.put("send", this::send);
        commands.put("presence", this::presence);
        commands.put("contact add", (a, l) -> contact(a, true));
        commands.put("contact remove", (a, l) -> contact(a, false));
        commands.put("subscription approve", (a, l) -> subscription(a, true));
        commands.put("subscription deny", (a, l) -> subscription(a, false));
        commands.put("roster", this::roster);
        commands.put("quit", (a, l) -> quit());
        otr.register(commands); // issue 6
    }

    /** Whether {@code quit} was given. */
    public boolean quitRequested() {
        return quit;
    }

    /** Runs one command line. */
    public synchronized void handle(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return;
        }
        String[] words = trimmed.split("\\s+");
        String name = words[0].toLowerCase(Locale.ROOT);
        int used = 1;
        Handler h = null;
        if (words.length > 1 && commands.containsKey(name + " " + words[1].toLowerCase(Locale.ROOT))) {
            name = name + " " + words[1].toLowerCase(Locale.ROOT);
            used = 2;
        }
        h = commands.get(name);
        if (h == null) {
            error(words[0], "unknown command");
            return;
        }
        String[] args = java.util.Arrays.copyOfRange(words, used, words.length);
        try {
            h.run(args, trimmed);
        } catch (ConsoleException e) {
            error(name, e.getMessage());
        } catch (RuntimeException e) {
            error(name, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private void accountAdd(String[] a, String line) throws ConsoleException {
        need(a, 2, "account add JID PASSWORD [HOST:PORT]");
        Jid jid = jid(a[0]);
        String host = null;
        int port = 5222;
        if (a.length > 2) {
            int colon = a[2].lastIndexOf(':');
            try {
                host = colon < 0 ? a[2] : a[2].substring(0, colon);
                port = colon < 0 ? 5222 : Integer.parseInt(a[2].substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConsoleException("bad port");
            }
            if (port < 1 || port > 65535 || host.isEmpty()) {
                throw new ConsoleException("bad HOST:PORT");
            }
        }
        XmppAccount account;
        try {
            account = new XmppAccount(jid, Secret.ofUtf8(a[1]), host, port, TlsPolicy.REQUIRED, Set.of(), "sotto");
        } catch (IllegalArgumentException e) {
            throw new ConsoleException("an account JID is a bare JID with a localpart");
        }
        accounts.put(jid, account);
        ObjectNode n = event("AccountAdded", jid);
        n.put("host", account.connectHost());
        n.put("port", port);
        print(n);
    }

    private void accountPin(String[] a, String line) throws ConsoleException {
        need(a, 2, "account pin JID SHA256");
        Jid jid = jid(a[0]);
        XmppAccount account = account(jid);
        String sha256 = CertificateFingerprint.normalize(a[1]);
        if (sha256 == null) {
            throw new ConsoleException("a SHA-256 fingerprint is 32 hex bytes");
        }
        accounts.put(jid, account.withPin(sha256));
        ObjectNode n = event("CertificatePinned", jid);
        n.put("sha256", sha256);
        print(n);
    }

    private void connect(String[] a, String line) throws ConsoleException {
        for (Jid jid : targets(a)) {
            XmppClient old = clients.remove(jid);
            if (old != null) {
                old.disconnect();
            }
            // Issue 6: OTR sits between the client and the user; it passes every other event through.
            dev.sotto.engine.otr.OtrXmppAccount[] otrBox = new dev.sotto.engine.otr.OtrXmppAccount[1];
            XmppClient client = new XmppClient(accounts.get(jid), group, e -> otrBox[0].accept(e), random,
                    XmppSessionConfig.DEFAULTS, ReconnectBackoff.DEFAULTS, QUEUE_TIMEOUT_NANOS);
            otrBox[0] = otr.attach(jid, client, otr::onEvent);
            clients.put(jid, client);
            client.connect();
        }
    }

    private void disconnect(String[] a, String line) throws ConsoleException {
        for (Jid jid : targets(a)) {
            XmppClient c = clients.remove(jid);
            otr.remove(jid);
            if (c != null) {
                c.disconnect();
            }
        }
    }

    private void send(String[] a, String line) throws ConsoleException {
        need(a, 3, "send FROM-JID TO-JID TEXT");
        XmppClient c = client(jid(a[0]));
        Jid to = jid(a[1]);
        // The text is the rest of the line after the two JIDs, inner spaces kept.
        String[] parts = line.strip().split("\\s+", 4);
        if (parts.length < 4) {
            throw new ConsoleException("usage: send FROM-JID TO-JID TEXT");
        }
        String rest = parts[3];
        // Issue 6: through OTR (private when the session is, held when the contact must be private).
        dev.sotto.engine.otr.OtrXmppAccount o = otr.otr(jid(a[0]));
        String id = o != null ? o.send(Jid.parse(a[1]) != null ? Jid.parse(a[1]) : to, rest) : c.sendMessage(to, rest);
        ObjectNode n = event("MessageQueued", jid(a[0]));
        n.put("to", to.toString());
        n.put("id", id);
        print(n);
    }

    private void presence(String[] a, String line) throws ConsoleException {
        need(a, 2, "presence JID SHOW [STATUS]");
        XmppClient c = client(jid(a[0]));
        PresenceShow show;
        try {
            show = PresenceShow.valueOf(a[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConsoleException("SHOW is one of available, chat, away, xa, dnd, unavailable");
        }
        String[] parts = line.strip().split("\\s+", 4);
        String status = parts.length > 3 ? parts[3] : null;
        c.setPresence(show, status, 0);
    }

    private void contact(String[] a, boolean add) throws ConsoleException {
        need(a, 2, "contact add|remove JID CONTACT");
        XmppClient c = client(jid(a[0]));
        Jid contact = jid(a[1]);
        if (add) {
            c.addContact(contact, a.length > 2 ? a[2] : null);
        } else {
            c.removeContact(contact);
        }
    }

    private void subscription(String[] a, boolean approve) throws ConsoleException {
        need(a, 2, "subscription approve|deny JID CONTACT");
        client(jid(a[0])).answerSubscription(jid(a[1]), approve);
    }

    private void roster(String[] a, String line) throws ConsoleException {
        need(a, 1, "roster JID");
        client(jid(a[0])).requestRoster();
    }

    private void quit() {
        quit = true;
        for (XmppClient c : clients.values()) {
            c.disconnect();
        }
        clients.clear();
        otr.close();
    }

    private void onEvent(XmppEvent e) {
        print(eventJson.toJson(e));
    }

    private Iterable<Jid> targets(String[] a) throws ConsoleException {
        if (a.length == 0) {
            return java.util.List.copyOf(accounts.keySet());
        }
        Jid jid = jid(a[0]);
        account(jid);
        return java.util.List.of(jid);
    }

    private XmppAccount account(Jid jid) throws ConsoleException {
        XmppAccount account = accounts.get(jid);
        if (account == null) {
            throw new ConsoleException("no such account");
        }
        return account;
    }

    private XmppClient client(Jid jid) throws ConsoleException {
        account(jid);
        XmppClient c = clients.get(jid);
        if (c == null) {
            throw new ConsoleException("not connected: run connect first");
        }
        return c;
    }

    private static Jid jid(String s) throws ConsoleException {
        Jid jid = Jid.parse(s);
        if (jid == null) {
            throw new ConsoleException("not a JID");
        }
        return jid.bare();
    }

    private static void need(String[] a, int n, String usage) throws ConsoleException {
        if (a.length < n) {
            throw new ConsoleException("usage: " + usage);
        }
    }

    private ObjectNode event(String name, Jid account) {
        ObjectNode n = mapper.createObjectNode();
        n.put("event", name);
        n.put("account", account.toString());
        return n;
    }

    private void error(String command, String message) {
        ObjectNode n = mapper.createObjectNode();
        n.put("event", "Error");
        n.put("command", command);
        n.put("message", message);
        print(n);
    }

    private void print(ObjectNode node) {
        try {
            String line = mapper.writeValueAsString(node);
            synchronized (out) {
                out.accept(line);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
