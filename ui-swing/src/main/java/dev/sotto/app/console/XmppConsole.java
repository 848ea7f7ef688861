package dev.sotto.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.engine.EventBus;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PresenceShow;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scriptable console over the engine facade ({@link SottoEngine}): one command per line in, one JSON object
 * per line out for every event on the engine's bus (issue 5, DESIGN.md Console contract). Commands register in
 * one table ({@link #register}) so later issues add theirs without touching the others. With a vault, accounts,
 * pins and rosters come back from the log at start.
 */
public final class XmppConsole {

    /** A console command: the tokens after its name, and the raw rest of the line for free text. */
    private interface Handler {
        void run(String[] args, String line) throws ConsoleException;
    }

    /** A bad command: reported as an Error line, never a crash. Its message never holds the command line. */
    private static final class ConsoleException extends Exception {
        ConsoleException(String message) {
            super(message);
        }
    }

    private final SottoEngine engine;
    private final Consumer<String> out;
    private final ObjectMapper mapper = new ObjectMapper();
    private final EventJson eventJson = new EventJson(mapper);
    private final Map<String, Handler> commands = new LinkedHashMap<>();
    private final EventBus.Subscription subscription;
    private boolean quit;

    /** A console over {@code engine}, printing each line to {@code out} (which must be thread-safe). */
    public XmppConsole(SottoEngine engine, Consumer<String> out) {
        this.engine = engine;
        this.out = out;
        this.subscription = engine.subscribe(this::onEvent);
        commands.put("account add", this::accountAdd);
        commands.put("account pin", this::accountPin);
        commands.put("account remove", this::accountRemove);
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
    }

    /**
     * Adds a command ({@code "otr start"}, one or two words); its events reach the output through the engine's
     * bus. Names are unique: registering a taken name fails.
     */
    public synchronized void register(String name, ConsoleHandler handler) {
        String key = name.toLowerCase(Locale.ROOT).strip();
        if (commands.containsKey(key)) {
            throw new IllegalArgumentException("command exists: " + key);
        }
        commands.put(key, (args, line) -> {
            try {
                handler.run(args, line);
            } catch (IllegalArgumentException e) {
                throw new ConsoleException(e.getMessage() == null ? "bad command" : e.getMessage());
            }
        });
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
        try {
            engine.addAccount(jid, Secret.ofUtf8(a[1]), host, port, TlsPolicy.REQUIRED, "sotto");
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(e.getMessage());
        }
    }

    private void accountPin(String[] a, String line) throws ConsoleException {
        need(a, 2, "account pin JID SHA256");
        Jid jid = account(jid(a[0]));
        try {
            engine.pinCertificate(jid, a[1]);
        } catch (IllegalArgumentException e) {
            throw new ConsoleException("a SHA-256 fingerprint is 32 hex bytes");
        }
    }

    private void accountRemove(String[] a, String line) throws ConsoleException {
        need(a, 1, "account remove JID");
        engine.removeAccount(account(jid(a[0])));
    }

    private void connect(String[] a, String line) throws ConsoleException {
        for (Jid jid : targets(a)) {
            engine.connect(jid);
        }
    }

    private void disconnect(String[] a, String line) throws ConsoleException {
        for (Jid jid : targets(a)) {
            engine.disconnect(jid);
        }
    }

    private void send(String[] a, String line) throws ConsoleException {
        need(a, 3, "send FROM-JID TO-JID TEXT");
        Jid from = account(jid(a[0]));
        Jid to = jid(a[1]);
        // The text is the rest of the line after the two JIDs, inner spaces kept.
        String[] parts = line.strip().split("\\s+", 4);
        if (parts.length < 4) {
            throw new ConsoleException("usage: send FROM-JID TO-JID TEXT");
        }
        engine.sendMessage(from, to, parts[3]); // MessageSent (stored first), then the send, arrive as events
    }

    private void presence(String[] a, String line) throws ConsoleException {
        need(a, 2, "presence JID SHOW [STATUS]");
        Jid account = account(jid(a[0]));
        PresenceShow show;
        try {
            show = PresenceShow.valueOf(a[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConsoleException("SHOW is one of available, chat, away, xa, dnd, unavailable");
        }
        String[] parts = line.strip().split("\\s+", 4);
        String status = parts.length > 3 ? parts[3] : null;
        engine.setPresence(account, show, status, 0);
    }

    private void contact(String[] a, boolean add) throws ConsoleException {
        need(a, 2, "contact add|remove JID CONTACT");
        Jid account = account(jid(a[0]));
        Jid contact = jid(a[1]);
        if (add) {
            engine.addContact(account, contact, a.length > 2 ? a[2] : null);
        } else {
            engine.removeContact(account, contact);
        }
    }

    private void subscription(String[] a, boolean approve) throws ConsoleException {
        need(a, 2, "subscription approve|deny JID CONTACT");
        engine.answerSubscription(account(jid(a[0])), jid(a[1]), approve);
    }

    private void roster(String[] a, String line) throws ConsoleException {
        need(a, 1, "roster JID");
        Jid account = account(jid(a[0]));
        // What the log knows now, then whatever the server says (RosterReceived, RosterItemChanged).
        ObjectNode n = event("Roster", account);
        ArrayNode items = n.putArray("items");
        for (RosterItem item : engine.state().roster(account).valuesView()) {
            ObjectNode i = items.addObject();
            i.put("jid", item.jid().toString());
            i.put("name", item.name());
            i.put("subscription", item.subscription());
            i.put("askSubscribe", item.askSubscribe());
        }
        print(n);
        engine.requestRoster(account);
    }

    private void quit() {
        quit = true;
        for (Jid jid : engine.state().accounts().keysView()) {
            engine.disconnect(jid);
        }
    }

    /** Stops printing events (the engine's owner closes the engine). */
    public void close() {
        subscription.close();
    }

    private void onEvent(Object e) {
        ObjectNode n = eventJson.toJson(e);
        if (n != null) {
            print(n);
        }
    }

    private Iterable<Jid> targets(String[] a) throws ConsoleException {
        if (a.length == 0) {
            return java.util.List.copyOf(engine.state().accounts().keysView().toList());
        }
        return java.util.List.of(account(jid(a[0])));
    }

    private Jid account(Jid jid) throws ConsoleException {
        if (!engine.state().accounts().containsKey(jid)) {
            throw new ConsoleException("no such account");
        }
        return jid;
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
