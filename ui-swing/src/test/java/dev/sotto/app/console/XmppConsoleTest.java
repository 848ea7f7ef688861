package dev.sotto.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over the engine and a real vault, without a server: every line is one JSON object, bad commands
 * are Error lines, a planted password never appears in the output, and accounts come back from the vault.
 */
class XmppConsoleTest {

    private static final String PLANTED = "Planted-Secret-9c1d";
    private static final char[] PASSPHRASE = "console test".toCharArray();
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> out = new CopyOnWriteArrayList<>();

    private JsonNode await(Predicate<JsonNode> p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (String line : out) {
                JsonNode n = mapper.readTree(line);
                if (p.test(n)) {
                    return n;
                }
            }
            synchronized (out) {
                out.wait(50);
            }
        }
        return fail("no matching line; output: " + out);
    }

    private static Predicate<JsonNode> event(String name) {
        return n -> n.path("event").asText().equals(name);
    }

    private XmppConsole console(SottoEngine engine) {
        return new XmppConsole(engine, line -> {
            out.add(line);
            synchronized (out) {
                out.notifyAll();
            }
        });
    }

    @Test
    void plantedPasswordNeverPrintedAndAccountsComeBackFromTheVault(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // nothing listens there once closed: connects fail fast
        }
        Path vaultDir = dir.resolve("v");
        try (Vault vault = Vault.create(vaultDir, PASSPHRASE.clone(), KdfParams.forTests());
                SottoEngine engine = SottoEngine.open(vault.log(), EngineOptions.defaults().withEventLoopThreads(1))) {
            XmppConsole console = console(engine);
            console.handle("account add alice@localhost " + PLANTED + " 127.0.0.1:" + closedPort);
            JsonNode added = await(event("AccountAdded"));
            assertThat(added.path("account").asText()).isEqualTo("alice@localhost");
            assertThat(added.path("host").asText()).isEqualTo("127.0.0.1");
            assertThat(added.path("port").asInt()).isEqualTo(closedPort);
            assertThat(added.has("password")).isFalse();
            console.handle("account pin alice@localhost " + "ab".repeat(32));
            assertThat(await(event("CertificatePinned")).path("sha256").asText()).startsWith("AB:AB:");
            console.handle("account pin alice@localhost 1234");
            await(n -> event("Error").test(n) && n.path("command").asText().equals("account pin"));
            console.handle("send alice@localhost bob@localhost queued   while offline");
            JsonNode sent = await(event("MessageSent"));
            assertThat(sent.path("body").asText()).isEqualTo("queued   while offline");
            console.handle("connect alice@localhost");
            assertThat(await(event("Disconnected")).path("reason").asText()).isEqualTo("connect-failed");
            console.handle("disconnect alice@localhost");
            console.handle("frobnicate");
            await(n -> event("Error").test(n) && n.path("command").asText().equals("frobnicate"));
            console.handle("connect nobody@localhost");
            await(n -> event("Error").test(n) && n.path("message").asText().equals("no such account"));
            console.handle("quit");
            assertThat(console.quitRequested()).isTrue();
            console.close();
        }
        try (Vault vault = Vault.open(vaultDir, PASSPHRASE.clone());
                SottoEngine engine = SottoEngine.open(vault.log(), EngineOptions.defaults().withEventLoopThreads(1))) {
            XmppConsole console = console(engine);
            console.handle("roster alice@localhost");
            assertThat(await(event("Roster")).path("account").asText()).isEqualTo("alice@localhost");
            console.handle("quit");
            console.close();
        }
        for (String line : out) {
            assertThat(mapper.readTree(line).isObject()).isTrue();
        }
        assertThat(out).noneMatch(l -> l.contains(PLANTED));
    }
}
