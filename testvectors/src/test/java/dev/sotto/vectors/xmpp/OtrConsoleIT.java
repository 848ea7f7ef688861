package dev.sotto.vectors.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sotto.app.console.OtrConsoleCommands;
import dev.sotto.app.console.XmppConsole;
import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.vectors.peers.PeerInfo;
import dev.sotto.vectors.peers.Peers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The console's OTR commands against Prosody (issue 6): keys, going private, private messages, SMP with a question,
 * trust decisions, policy, ending, and a message after the end held until a new private session exists. Every line
 * is one JSON object; the SMP secret never appears in the output.
 */
class OtrConsoleIT {
    private static final String SECRET = "correct horse battery staple";

    private final ObjectMapper mapper = new ObjectMapper();
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new CopyOnWriteArrayList<>();
    private final java.util.Set<Integer> used = new java.util.HashSet<>();

    /** The first line not returned before that matches {@code p}, waiting at most {@code seconds}. */
    private JsonNode await(Predicate<JsonNode> p, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (int i = 0; i < all.size(); i++) {
                if (used.contains(i)) {
                    continue;
                }
                JsonNode n = mapper.readTree(all.get(i));
                if (p.test(n)) {
                    used.add(i);
                    return n;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || lines.poll(left, TimeUnit.NANOSECONDS) == null) {
                return fail("no matching console line within " + seconds + " s; output: " + all);
            }
        }
    }

    private static Predicate<JsonNode> event(String name, String account) {
        return n -> n.path("event").asText().equals(name) && n.path("account").asText().equals(account);
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
    void otrCommandsPrintStateFingerprintsAndSmpAsJsonAndNeverTheSecret() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        String server = prosody.host() + ":" + prosody.intValue("c2s.port");
        SottoEngine engine = SottoEngine.inMemory(EngineOptions.defaults().withEventLoopThreads(1));
        XmppConsole console = new XmppConsole(engine, line -> {
            all.add(line);
            lines.add(line);
        });
        OtrConsoleCommands otr = OtrConsoleCommands.install(engine, console, null);
        try {
            console.handle("account add alice@localhost " + password(prosody, "alice") + " " + server);
            console.handle("account add bob@localhost " + password(prosody, "bob") + " " + server);
            console.handle("account pin alice@localhost " + prosody.get("cert.sha256"));
            console.handle("account pin bob@localhost " + prosody.get("cert.sha256"));
            console.handle("otr start carol@localhost bob@localhost");
            await(n -> n.path("event").asText().equals("Error") && n.path("command").asText().equals("otr start"), 5);
            console.handle("otr policy alice@localhost bob@localhost sometimes");
            await(n -> n.path("event").asText().equals("Error") && n.path("command").asText().equals("otr policy"), 5);
            console.handle("connect");
            String aliceFp = await(event("OtrKeyReady", "alice@localhost"), 60).path("fingerprint").asText();
            String bobFp = await(event("OtrKeyReady", "bob@localhost"), 60).path("fingerprint").asText();
            assertThat(aliceFp).matches("([0-9A-F]{8} ){4}[0-9A-F]{8}");
            await(event("Connected", "alice@localhost"), 15);
            await(event("Connected", "bob@localhost"), 15);

            console.handle("otr start alice@localhost bob@localhost/sotto");
            JsonNode privateAtBob = await(event("OtrStateChanged", "bob@localhost")
                    .and(n -> n.path("state").asText().equals("private")), 15);
            assertThat(privateAtBob.path("fingerprint").asText()).isEqualTo(aliceFp);
            assertThat(privateAtBob.path("trust").asText()).isEqualTo("UNVERIFIED");
            await(event("OtrFingerprintSeen", "alice@localhost").and(n -> n.path("fingerprint").asText().equals(bobFp)), 15);

            console.handle("send alice@localhost bob@localhost a private   hello");
            JsonNode m = await(event("MessageReceived", "bob@localhost"), 15);
            assertThat(m.path("body").asText()).isEqualTo("a private   hello");
            assertThat(m.path("encrypted").asBoolean()).isTrue();
            assertThat(m.path("stored").asBoolean()).isFalse();

            console.handle("otr smp alice@localhost bob@localhost " + SECRET.replace(' ', '-') + " what is the secret?");
            JsonNode q = await(event("OtrSmpRequested", "bob@localhost"), 15);
            assertThat(q.path("question").asText()).isEqualTo("what is the secret?");
            console.handle("otr smp-answer bob@localhost alice@localhost " + SECRET.replace(' ', '-'));
            assertThat(await(event("OtrSmpResult", "alice@localhost"), 15).path("success").asBoolean()).isTrue();
            assertThat(await(event("OtrSmpResult", "bob@localhost"), 15).path("success").asBoolean()).isTrue();
            JsonNode verified = await(event("OtrTrustChanged", "bob@localhost"), 15);
            assertThat(verified.path("trust").asText()).isEqualTo("VERIFIED_SMP");
            assertThat(verified.path("fingerprint").asText()).isEqualTo(aliceFp);

            console.handle("otr distrust bob@localhost alice@localhost " + aliceFp.replace(" ", ""));
            assertThat(await(event("OtrTrustChanged", "bob@localhost"), 15).path("trust").asText())
                    .isEqualTo("DISTRUSTED");
            console.handle("otr trust bob@localhost alice@localhost " + aliceFp.replace(' ', ':'));
            assertThat(await(event("OtrTrustChanged", "bob@localhost"), 15).path("trust").asText())
                    .isEqualTo("VERIFIED_MANUAL");
            console.handle("otr trust bob@localhost alice@localhost 1234");
            await(n -> n.path("event").asText().equals("Error") && n.path("command").asText().equals("otr trust"), 5);
            console.handle("otr policy bob@localhost alice@localhost always 23 history");
            JsonNode policy = await(event("OtrPolicyChanged", "bob@localhost"), 5);
            assertThat(policy.path("policy").asText()).isEqualTo("always");
            assertThat(policy.path("versions").asText()).isEqualTo("23");

            console.handle("otr end alice@localhost bob@localhost");
            await(event("OtrStateChanged", "alice@localhost").and(n -> n.path("state").asText().equals("plaintext")), 15);
            await(event("OtrStateChanged", "bob@localhost").and(n -> n.path("state").asText().equals("finished")), 15);

            // Alice has been private with bob: the next message is held, a new AKE runs, then it goes out encrypted.
            console.handle("send alice@localhost bob@localhost after the end");
            await(event("OtrSendHeld", "alice@localhost"), 5);
            JsonNode after = await(event("MessageReceived", "bob@localhost")
                    .and(n -> n.path("body").asText().equals("after the end")), 15);
            assertThat(after.path("encrypted").asBoolean()).isTrue();
            assertThat(after.path("stored").asBoolean()).as("bob's policy now keeps history").isTrue();
        } finally {
            console.handle("quit");
            engine.close();
            console.close();
            otr.close();
        }
        for (String line : all) {
            mapper.readTree(line); // one JSON object per line
            assertThat(line).doesNotContain(SECRET.replace(' ', '-'));
        }
    }
}
