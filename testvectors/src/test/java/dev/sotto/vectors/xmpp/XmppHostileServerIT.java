package dev.sotto.vectors.xmpp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.ReconnectBackoff;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.engine.xmpp.XmppClient;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.XmppSessionConfig;
import dev.sotto.vectors.peers.Peers;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A scripted hostile server (no real server sends this; DESIGN.md, Peers and ports): malformed XML, then a
 * stanza over the size limit. The client answers each with a stream error, reconnects, and does not crash.
 */
class XmppHostileServerIT {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' from='localhost' id='h' version='1.0'>";

    /** Accepts one connection, answers the client's header with {@code reply}, returns all the client sent. */
    private static String serve(ServerSocket server, String reply) throws Exception {
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!got.toString(UTF_8).contains("<stream:stream")) {
                int n = in.read(buf);
                if (n < 0) {
                    return got.toString(UTF_8);
                }
                got.write(buf, 0, n);
            }
            out.write(reply.getBytes(UTF_8));
            out.flush();
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                got.write("[read ended: ".getBytes(UTF_8));
                got.write(e.getClass().getSimpleName().getBytes(UTF_8));
                got.write(']');
            }
            return got.toString(UTF_8);
        }
    }

    @Test
    void malformedXmlAndOversizedStanzaGetStreamErrorsAndTheClientReconnects() throws Exception {
        Peers.require("prosody"); // runs with the interop peers, like the other XMPP ITs
        EventLoopGroup group = new NioEventLoopGroup(1);
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> script = CompletableFuture.supplyAsync(() -> {
                try {
                    String first = serve(server, HEADER + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
                            + "<required/></starttls></stream:features><message><body>x</bdy></message>");
                    String second = serve(server, HEADER + "<message><body>" + "A".repeat(300 * 1024) + "</body></message>");
                    String third;
                    try (Socket s = server.accept()) {
                        third = "reconnected";
                    }
                    return List.of(first, second, third);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            EventRecorder events = new EventRecorder();
            XmppClient client = new XmppClient(new XmppAccount(Jid.parse("alice@localhost"), Secret.ofUtf8("alice-pass"),
                    "127.0.0.1", server.getLocalPort(), TlsPolicy.REQUIRED, Set.of(), "h"), group, events,
                    new SecureRandom(), XmppSessionConfig.DEFAULTS, new ReconnectBackoff(100_000_000L, 500_000_000L),
                    TimeUnit.SECONDS.toNanos(30));
            client.connect();
            List<String> sent = script.get(30, TimeUnit.SECONDS);
            client.disconnect();

            assertThat(sent.get(0)).contains("<not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                    .contains("</stream:stream>").doesNotContain("<auth");
            assertThat(sent.get(1)).contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
            assertThat(sent.get(2)).isEqualTo("reconnected");
            Jid alice = Jid.parse("alice@localhost");
            assertThat(events.all).contains(new XmppEvent.StreamErrorSent(alice, "not-well-formed"),
                    new XmppEvent.StreamErrorSent(alice, "policy-violation"));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
