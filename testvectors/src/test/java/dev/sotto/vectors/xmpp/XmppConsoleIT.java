package dev.sotto.vectors.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sotto.app.console.XmppConsole;
import dev.sotto.vectors.peers.PeerInfo;
import dev.sotto.vectors.peers.Peers;
import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The console front end driven line by line against Prosody: JSON events out, errors as lines, no secrets. */
class XmppConsoleIT {
    private final ObjectMapper mapper = new ObjectMapper();
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new CopyOnWriteArrayList<>();

    /** The first output line so far or within 15 s that matches {@code p}; every line must be one JSON object. */
    private JsonNode await(Predicate<JsonNode> p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            for (String line : all) {
                JsonNode n = mapper.readTree(line);
                if (p.test(n)) {
                    return n;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || lines.poll(left, TimeUnit.NANOSECONDS) == null) {
                return fail("no matching console line within 15 s; output: " + all);
            }
        }
    }

    private static String password(PeerInfo prosody, String user) {
        for (String pair : prosody.get("users").split(",")) {
            if (pair.startsWith(user + ":")) {
                return pair.substring(user.length() + 1);
            }
        }
        throw new AssertionError("no test user " + user);
    }

    @Test
    void scriptedAliceToBobMessageWithPinnedCertificate() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        String server = prosody.host() + ":" + prosody.intValue("c2s.port");
        String alicePass = password(prosody, "alice");
        String bobPass = password(prosody, "bob");
        SottoEngine engine = SottoEngine.inMemory(EngineOptions.defaults().withEventLoopThreads(1));
        XmppConsole console = new XmppConsole(engine, line -> {
            all.add(line);
            lines.add(line);
        });
        try {
            console.handle("account add alice@localhost " + alicePass + " " + server);
            console.handle("account add bob@localhost " + bobPass + " " + server);
            console.handle("frobnicate everything");
            assertThat(await(n -> n.path("event").asText().equals("Error")).path("command").asText()).isEqualTo("frobnicate");
            console.handle("send alice@localhost");
            await(n -> n.path("event").asText().equals("Error") && n.path("command").asText().equals("send"));
            console.handle("connect alice@localhost");
            JsonNode untrusted = await(n -> n.path("event").asText().equals("CertificateUntrusted"));
            assertThat(untrusted.path("sha256").asText()).isEqualTo(prosody.get("cert.sha256"));
            // Pin it without separators, lower case: accepted either way (DESIGN.md, Console contract).
            String typed = prosody.get("cert.sha256").replace(":", "").toLowerCase();
            console.handle("account pin alice@localhost " + typed);
            console.handle("account pin bob@localhost " + prosody.get("cert.sha256"));
            console.handle("connect");
            await(n -> n.path("event").asText().equals("Connected") && n.path("account").asText().equals("alice@localhost"));
            await(n -> n.path("event").asText().equals("Connected") && n.path("account").asText().equals("bob@localhost"));
            console.handle("send alice@localhost bob@localhost hello   from the console");
            JsonNode m = await(n -> n.path("event").asText().equals("MessageReceived"));
            assertThat(m.path("account").asText()).isEqualTo("bob@localhost");
            assertThat(m.path("body").asText()).isEqualTo("hello   from the console");
            console.handle("roster bob@localhost");
            await(n -> n.path("event").asText().equals("RosterReceived") && n.path("account").asText().equals("bob@localhost"));
            console.handle("quit");
            assertThat(console.quitRequested()).isTrue();
        } finally {
            engine.close();
        }
        // DESIGN.md, Secrets: no password in any output line.
        assertThat(all).noneMatch(l -> l.contains(alicePass) || l.contains(bobPass));
    }
}
