package dev.sotto.vectors.xmpp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PinningTrustManager;
import dev.sotto.engine.xmpp.PresenceShow;
import dev.sotto.engine.xmpp.ReconnectBackoff;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.engine.xmpp.XmppChannelHandler;
import dev.sotto.engine.xmpp.XmppClient;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.XmppSession;
import dev.sotto.engine.xmpp.XmppSessionConfig;
import dev.sotto.vectors.peers.PeerInfo;
import dev.sotto.vectors.peers.Peers;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The XMPP client against the real Prosody 0.12 the build starts (testvectors/peers/prosody). */
class XmppClientIT {

    private static final long WAIT_S = 15;
    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static XmppAccount account(PeerInfo prosody, String user, String password, Set<String> pins) {
        return new XmppAccount(Jid.parse(user + "@" + prosody.get("domain")), Secret.ofUtf8(password), prosody.host(),
                prosody.intValue("c2s.port"), TlsPolicy.REQUIRED, pins, "it");
    }

    private static String password(PeerInfo prosody, String user) {
        for (String pair : prosody.get("users").split(",")) {
            if (pair.startsWith(user + ":")) {
                return pair.substring(user.length() + 1);
            }
        }
        throw new AssertionError("no test user " + user);
    }

    private static XmppClient client(XmppAccount account, EventRecorder events) {
        return new XmppClient(account, group, events, new SecureRandom(), XmppSessionConfig.DEFAULTS,
                ReconnectBackoff.DEFAULTS, TimeUnit.SECONDS.toNanos(30));
    }

    /** Records every plaintext byte the session writes (it sits between the session and any TLS handler). */
    static final class WireTap extends ChannelOutboundHandlerAdapter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf b) {
                byte[] copy = new byte[b.readableBytes()];
                b.getBytes(b.readerIndex(), copy);
                synchronized (bytes) {
                    bytes.writeBytes(copy);
                }
            }
            ctx.write(msg, promise);
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(UTF_8);
            }
        }
    }

    /** One session on a channel we build ourselves, with a wire tap, no reconnects. */
    private static WireTap connectTapped(XmppAccount account, EventRecorder events) {
        WireTap tap = new WireTap();
        XmppSession session = new XmppSession(account, XmppSessionConfig.DEFAULTS, new SecureRandom(), false);
        PinningTrustManager trust = new PinningTrustManager(PinningTrustManager.systemDefault(), account.pinnedSha256());
        XmppChannelHandler handler = new XmppChannelHandler(session, account.jid().domain(), account.port(), trust, events);
        new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("tap", tap).addLast("xmpp", handler);
            }
        }).connect(account.connectHost(), account.port());
        return tap;
    }

    @Test
    void selfSignedCertificateIsRefusedWithItsFingerprintBeforeAnyCredentials() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        EventRecorder events = new EventRecorder();
        WireTap tap = connectTapped(account(prosody, "alice", password(prosody, "alice"), Set.of()), events);

        XmppEvent.CertificateUntrusted untrusted = events.await(XmppEvent.CertificateUntrusted.class, WAIT_S);
        assertThat(untrusted.sha256()).isEqualTo(prosody.get("cert.sha256"));
        XmppEvent.Disconnected d = events.await(XmppEvent.Disconnected.class, WAIT_S);
        assertThat(d.reason()).isEqualTo("certificate-untrusted");
        assertThat(d.retry()).isFalse();
        assertThat(tap.text()).contains("<starttls").doesNotContain("<auth").doesNotContain("alice-pass");
    }

    @Test
    void pinnedCertificateAndScramSha1LoginAsAlice() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        EventRecorder events = new EventRecorder();
        XmppAccount alice = account(prosody, "alice", password(prosody, "alice"), Set.of(prosody.get("cert.sha256")));
        WireTap tap = connectTapped(alice, events);

        XmppEvent.TlsEstablished tls = events.await(XmppEvent.TlsEstablished.class, WAIT_S);
        assertThat(tls.protocol()).isIn("TLSv1.3", "TLSv1.2");
        assertThat(tls.certificateSha256()).isEqualTo(prosody.get("cert.sha256"));
        XmppEvent.Connected connected = events.await(XmppEvent.Connected.class, WAIT_S);
        assertThat(connected.boundJid().bare()).isEqualTo(alice.jid());
        assertThat(connected.boundJid().resource()).isEqualTo("it");
        // Prosody 0.12 offers SCRAM-SHA-1 and PLAIN inside TLS: the strongest, SCRAM-SHA-1, wins.
        assertThat(tap.text()).contains("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>");
        events.await(XmppEvent.RosterReceived.class, WAIT_S);
    }

    @Test
    void wrongPasswordFailsWithTheServersConditionAndIsNotRetried() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        EventRecorder events = new EventRecorder();
        XmppClient client = client(account(prosody, "alice", "not-the-password", Set.of(prosody.get("cert.sha256"))), events);
        client.connect();

        XmppEvent.AuthenticationFailed failed = events.await(XmppEvent.AuthenticationFailed.class, WAIT_S);
        assertThat(failed.condition()).isEqualTo("not-authorized");
        assertThat(failed.fromServer()).isTrue();
        assertThat(events.await(XmppEvent.Disconnected.class, WAIT_S).retry()).isFalse();
        // No retry storm: the backoff's first retry would come within 0.5 s; nothing comes in 3 s.
        assertThat(events.arrives(e -> e instanceof XmppEvent.AuthenticationFailed || e instanceof XmppEvent.TlsEstablished,
                3)).isFalse();
        client.disconnect();
    }

    @Test
    void aliceToBobMessageRoundTripAndPresenceChangeSeenByTheOther() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        Set<String> pin = Set.of(prosody.get("cert.sha256"));
        EventRecorder aliceEvents = new EventRecorder();
        EventRecorder bobEvents = new EventRecorder();
        XmppClient alice = client(account(prosody, "alice", password(prosody, "alice"), pin), aliceEvents);
        XmppClient bob = client(account(prosody, "bob", password(prosody, "bob"), pin), bobEvents);
        alice.connect();
        bob.connect();
        Jid aliceFull = aliceEvents.await(XmppEvent.Connected.class, WAIT_S).boundJid();
        Jid bobFull = bobEvents.await(XmppEvent.Connected.class, WAIT_S).boundJid();
        try {
            // Start from no subscription between them: Prosody keeps rosters while it runs, and a contact that
            // is already subscribed gets no new request (RFC 6121 §3.1.3).
            XmppEvent.RosterReceived aliceRoster = aliceEvents.await(XmppEvent.RosterReceived.class, WAIT_S);
            XmppEvent.RosterReceived bobRoster = bobEvents.await(XmppEvent.RosterReceived.class, WAIT_S);
            if (bobRoster.items().stream().anyMatch(i -> i.jid().equals(aliceFull.bare()))) {
                bob.removeContact(aliceFull.bare());
                bobEvents.await(XmppEvent.RosterPushed.class, r -> r.item().jid().equals(aliceFull.bare())
                        && r.item().subscription().equals("remove"), WAIT_S);
            }
            if (aliceRoster.items().stream().anyMatch(i -> i.jid().equals(bobFull.bare()))) {
                alice.removeContact(bobFull.bare());
                aliceEvents.await(XmppEvent.RosterPushed.class, r -> r.item().jid().equals(bobFull.bare())
                        && r.item().subscription().equals("remove"), WAIT_S);
            }
            String id = alice.sendMessage(bobFull.bare(), "hello bob \u00e9\u2603 <&>");
            XmppEvent.MessageReceived received = bobEvents.await(XmppEvent.MessageReceived.class, m -> id.equals(m.id()), WAIT_S);
            assertThat(received.from()).isEqualTo(aliceFull);
            assertThat(received.body()).isEqualTo("hello bob \u00e9\u2603 <&>");
            aliceEvents.await(XmppEvent.MessageTransmitted.class, m -> id.equals(m.id()), WAIT_S);

            // Bob subscribes to Alice's presence (RFC 6121 §3.1), Alice approves.
            bob.addContact(aliceFull.bare(), "Alice");
            aliceEvents.await(XmppEvent.SubscriptionReceived.class,
                    s -> s.type().equals("subscribe") && s.from().equals(bobFull.bare()), WAIT_S);
            alice.answerSubscription(bobFull.bare(), true);
            bobEvents.await(XmppEvent.RosterPushed.class,
                    r -> r.item().jid().equals(aliceFull.bare()) && r.item().subscription().equals("to"), WAIT_S);
            // RFC 6121 §3.1.5: the contact's roster now has the subscriber with subscription 'from'.
            aliceEvents.await(XmppEvent.RosterPushed.class,
                    r -> r.item().jid().equals(bobFull.bare()) && r.item().subscription().equals("from"), WAIT_S);

            alice.setPresence(PresenceShow.AWAY, "lunch", 5);
            XmppEvent.PresenceReceived p = bobEvents.await(XmppEvent.PresenceReceived.class,
                    e -> e.from().equals(aliceFull) && e.show() == PresenceShow.AWAY, WAIT_S);
            assertThat(p.status()).isEqualTo("lunch");
            assertThat(p.priority()).isEqualTo(5);
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    @Test
    void listenerWithoutStartTlsIsRefusedAndNoCredentialsAreSent() throws Exception {
        Peers.require("prosody");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> clientBytes = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(10_000);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    byte[] buf = new byte[4096];
                    int n = in.read(buf);
                    got.write(buf, 0, n);
                    // A server that offers no STARTTLS, only PLAIN (RFC 6120 §5.3.1 would let it).
                    out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream="
                            + "'http://etherx.jabber.org/streams' from='localhost' id='x' version='1.0'>"
                            + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                            + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>").getBytes(UTF_8));
                    out.flush();
                    while ((n = in.read(buf)) > 0) {
                        got.write(buf, 0, n);
                    }
                    return got.toString(UTF_8);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            EventRecorder events = new EventRecorder();
            XmppAccount account = new XmppAccount(Jid.parse("alice@localhost"), Secret.ofUtf8("alice-pass"), "127.0.0.1",
                    server.getLocalPort(), TlsPolicy.REQUIRED, Set.of(), "it");
            XmppClient client = client(account, events);
            client.connect();
            XmppEvent.Disconnected d = events.await(XmppEvent.Disconnected.class, WAIT_S);
            assertThat(d.reason()).isEqualTo("tls-not-offered");
            assertThat(d.retry()).isFalse();
            String sent = clientBytes.get(WAIT_S, TimeUnit.SECONDS);
            assertThat(sent).contains("<stream:stream").doesNotContain("<auth").doesNotContain("alice-pass");
            client.disconnect();
        }
    }
}
