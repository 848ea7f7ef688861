package dev.sotto.vectors.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.ReconnectBackoff;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.engine.xmpp.XmppClient;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.XmppSessionConfig;
import dev.sotto.vectors.peers.PeerInfo;
import dev.sotto.vectors.peers.Peers;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Prosody stopped and started again mid-session (same port and data, testvectors/peers/prosody/prosody.sh
 * suspend/resume): both clients reconnect within 10 s and a message sent during the outage arrives exactly once.
 */
class XmppReconnectIT {

    private static void prosodyScript(String command) throws Exception {
        Path peersFile = Path.of(System.getProperty(Peers.FILE_PROPERTY));
        Path script = peersFile.getParent().getParent().getParent().resolve("peers/prosody/prosody.sh");
        Process p = new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("prosody.sh %s finished", command).isTrue();
        assertThat(p.exitValue()).as("prosody.sh %s exit code", command).isZero();
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
    void bothReconnectAfterAServerRestartAndTheQueuedMessageArrivesOnce() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        EventLoopGroup group = new NioEventLoopGroup(1);
        Set<String> pin = Set.of(prosody.get("cert.sha256"));
        EventRecorder aliceEvents = new EventRecorder();
        EventRecorder bobEvents = new EventRecorder();
        ReconnectBackoff backoff = new ReconnectBackoff(200_000_000L, 2_000_000_000L);
        XmppClient alice = new XmppClient(new XmppAccount(Jid.parse("alice@localhost"), Secret.ofUtf8(password(prosody, "alice")),
                prosody.host(), prosody.intValue("c2s.port"), TlsPolicy.REQUIRED, pin, "re"), group, aliceEvents,
                new SecureRandom(), XmppSessionConfig.DEFAULTS, backoff, TimeUnit.SECONDS.toNanos(30));
        XmppClient bob = new XmppClient(new XmppAccount(Jid.parse("bob@localhost"), Secret.ofUtf8(password(prosody, "bob")),
                prosody.host(), prosody.intValue("c2s.port"), TlsPolicy.REQUIRED, pin, "re"), group, bobEvents,
                new SecureRandom(), XmppSessionConfig.DEFAULTS, backoff, TimeUnit.SECONDS.toNanos(30));
        boolean suspended = false;
        try {
            alice.connect();
            bob.connect();
            aliceEvents.await(XmppEvent.Connected.class, 15);
            bobEvents.await(XmppEvent.Connected.class, 15);

            prosodyScript("suspend");
            suspended = true;
            assertThat(aliceEvents.await(XmppEvent.Disconnected.class, 10).retry()).isTrue();
            bobEvents.await(XmppEvent.Disconnected.class, 10);
            String id = alice.sendMessage(Jid.parse("bob@localhost"), "sent during the outage");
            prosodyScript("resume");
            suspended = false;
            long resumed = System.nanoTime();

            aliceEvents.await(XmppEvent.Connected.class, 10);
            bobEvents.await(XmppEvent.Connected.class, 10);
            long reconnectMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed);
            System.err.println("XmppReconnectIT: both reconnected " + reconnectMs + " ms after the server came back");

            XmppEvent.MessageReceived m = bobEvents.await(XmppEvent.MessageReceived.class, e -> id.equals(e.id()), 10);
            assertThat(m.body()).isEqualTo("sent during the outage");
            assertThat(bobEvents.arrives(e -> e instanceof XmppEvent.MessageReceived r && id.equals(r.id()), 2)).isFalse();
            assertThat(aliceEvents.all).noneMatch(e -> e instanceof XmppEvent.MessageFailed f && id.equals(f.id()));
        } finally {
            if (suspended) {
                prosodyScript("resume");
            }
            alice.disconnect();
            bob.disconnect();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
