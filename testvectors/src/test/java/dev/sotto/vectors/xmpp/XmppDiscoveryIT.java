package dev.sotto.vectors.xmpp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PinningTrustManager;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.engine.xmpp.XmppNetwork;
import dev.sotto.vectors.peers.PeerInfo;
import dev.sotto.vectors.peers.Peers;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Finding the server (RFC 6120 §3.2): DNS SRV {@code _xmpp-client._tcp} answered by an in-process DNS server
 * leads to the real Prosody; a {@code see-other-host} stream error from a scripted server (RFC 6120 §4.9.3.19)
 * redirects to it; an SRV target of "." stops without retrying.
 */
class XmppDiscoveryIT {

    private static final long WAIT_S = 15;

    private static String password(PeerInfo prosody, String user) {
        for (String pair : prosody.get("users").split(",")) {
            if (pair.startsWith(user + ":")) {
                return pair.substring(user.length() + 1);
            }
        }
        throw new AssertionError("no test user " + user);
    }

    private static SottoEngine engine(TinyDnsServer dns, BusRecorder events) {
        XmppNetwork network = XmppNetwork.of(PinningTrustManager.systemDefault(),
                new SingletonDnsServerAddressStreamProvider(dns.address()));
        SottoEngine engine = SottoEngine.inMemory(EngineOptions.defaults().withEventLoopThreads(1).withNetwork(network));
        engine.subscribe(events);
        return engine;
    }

    @Test
    void srvRecordLeadsToProsodyOnItsPort() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        Jid alice = Jid.parse("alice@" + prosody.get("domain"));
        BusRecorder events = new BusRecorder();
        try (TinyDnsServer dns = new TinyDnsServer(); SottoEngine engine = engine(dns, events)) {
            dns.srv("_xmpp-client._tcp." + alice.domain() + ".", 10, 5, prosody.intValue("c2s.port"), "localhost");
            // No host: the engine must ask DNS (the port is not 5222, so only the SRV answer can lead there).
            engine.addAccount(alice, Secret.ofUtf8(password(prosody, "alice")), null, 5222, TlsPolicy.REQUIRED, "srv");
            engine.pinCertificate(alice, prosody.get("cert.sha256"));
            engine.connect(alice);
            XmppEvent.Connected c = events.await(XmppEvent.Connected.class, WAIT_S);
            assertThat(c.boundJid().bare()).isEqualTo(alice);
            assertThat(dns.questions).contains("SRV _xmpp-client._tcp." + alice.domain() + ".");
        }
    }

    @Test
    void srvTargetDotMeansNoServiceAndNoRetry() throws Exception {
        Peers.require("prosody");
        Jid carol = Jid.parse("carol@nowhere.example");
        BusRecorder events = new BusRecorder();
        try (TinyDnsServer dns = new TinyDnsServer(); SottoEngine engine = engine(dns, events)) {
            dns.srv("_xmpp-client._tcp.nowhere.example.", 0, 0, 0, ".");
            engine.addAccount(carol, Secret.ofUtf8("x"), null, 5222, TlsPolicy.REQUIRED, null);
            engine.connect(carol);
            XmppEvent.Disconnected d = events.await(XmppEvent.Disconnected.class, WAIT_S);
            assertThat(d.reason()).isEqualTo("service-not-available");
            assertThat(d.retry()).isFalse();
        }
    }

    @Test
    void seeOtherHostRedirectsToProsody() throws Exception {
        PeerInfo prosody = Peers.require("prosody");
        Jid alice = Jid.parse("alice@" + prosody.get("domain"));
        String redirectTo = prosody.host() + ":" + prosody.intValue("c2s.port");
        BusRecorder events = new BusRecorder();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TinyDnsServer dns = new TinyDnsServer(); SottoEngine engine = engine(dns, events)) {
            CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(10_000);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    in.read(new byte[4096]); // the client's stream header
                    out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream="
                            + "'http://etherx.jabber.org/streams' from='localhost' id='r1' version='1.0'>"
                            + "<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>" + redirectTo
                            + "</see-other-host></stream:error></stream:stream>").getBytes(UTF_8));
                    out.flush();
                    while (in.read(new byte[4096]) > 0) {
                        // until the client closes
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            engine.addAccount(alice, Secret.ofUtf8(password(prosody, "alice")), "127.0.0.1", server.getLocalPort(),
                    TlsPolicy.REQUIRED, "moved");
            engine.pinCertificate(alice, prosody.get("cert.sha256"));
            engine.connect(alice);
            XmppEvent.StreamErrorReceived e = events.await(XmppEvent.StreamErrorReceived.class, WAIT_S);
            assertThat(e.condition()).isEqualTo("see-other-host");
            assertThat(e.seeOtherHost()).isEqualTo(redirectTo);
            XmppEvent.Connected c = events.await(XmppEvent.Connected.class, WAIT_S);
            assertThat(c.boundJid()).isEqualTo(new Jid("alice", alice.domain(), "moved"));
            script.get(WAIT_S, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
