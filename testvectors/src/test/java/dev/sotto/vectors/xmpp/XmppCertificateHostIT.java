package dev.sotto.vectors.xmpp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.CertificateFingerprint;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PinningTrustManager;
import dev.sotto.engine.xmpp.TlsPolicy;
import dev.sotto.engine.xmpp.XmppChannelHandler;
import dev.sotto.engine.xmpp.XmppSession;
import dev.sotto.engine.xmpp.XmppSessionConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A certificate from a CA the client trusts, but for another host name, is refused before any credentials leave
 * (issue 5; RFC 6120 §13.7.2, RFC 6125): a scripted STARTTLS server presents it; a wire tap between the session and
 * TLS proves no {@code <auth} was written. The same CA's certificate for the right name is accepted and the login
 * proceeds to {@code <auth} — so the refusal is the host name check, not the chain.
 */
class XmppCertificateHostIT {

    private static final long WAIT_S = 15;
    private static final String PASSWORD = "cert-host-pass";
    private static EventLoopGroup group;
    private static KeyPair caKeys;
    private static X509Certificate ca;
    private static X509ExtendedTrustManager trustsOurCa;

    @BeforeAll
    static void makeCa() throws Exception {
        group = new NioEventLoopGroup(1);
        caKeys = ecKeys();
        X500Name name = new X500Name("CN=Sotto Test CA");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), name, caKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                trustsOurCa = x;
            }
        }
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        return kpg.generateKeyPair();
    }

    /** A server certificate for {@code dnsName} signed by our CA, and the server's TLS context with it. */
    private static SSLContext serverContext(String dnsName, X509Certificate[] out) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=Sotto Test CA"),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)),
                Date.from(now.plusSeconds(86_400)), new X500Name("CN=" + dnsName), keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        out[0] = cert;
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "k".toCharArray();
        ks.setKeyEntry("server", keys.getPrivate(), pw, new Certificate[] {cert, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ctx;
    }

    /** What the scripted server saw: plaintext before TLS, decrypted bytes after, whether the handshake held. */
    private record ServerView(String plaintext, String decrypted, boolean handshakeDone) {}

    /** Offers STARTTLS, proceeds, handshakes with {@code ctx}; then offers PLAIN and records what comes. */
    private static CompletableFuture<ServerView> script(ServerSocket server, SSLContext ctx) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
            boolean handshake = false;
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                plain.write(buf, 0, n);
                out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream="
                        + "'http://etherx.jabber.org/streams' from='localhost' id='c1' version='1.0'><stream:features>"
                        + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
                        + "</stream:features>").getBytes(UTF_8));
                out.flush();
                while (!plain.toString(UTF_8).contains("<starttls") && (n = in.read(buf)) > 0) {
                    plain.write(buf, 0, n);
                }
                out.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>".getBytes(UTF_8));
                out.flush();
                SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(s, null, true);
                tls.setUseClientMode(false);
                try {
                    tls.startHandshake();
                    handshake = true;
                } catch (java.io.IOException e) {
                    return new ServerView(plain.toString(UTF_8), "", false);
                }
                InputStream tin = tls.getInputStream();
                OutputStream tout = tls.getOutputStream();
                n = tin.read(buf); // the restarted stream header
                decrypted.write(buf, 0, Math.max(n, 0));
                tout.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream="
                        + "'http://etherx.jabber.org/streams' from='localhost' id='c2' version='1.0'><stream:features>"
                        + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                        + "</mechanisms></stream:features>").getBytes(UTF_8));
                tout.flush();
                while (!decrypted.toString(UTF_8).contains("</auth>") && (n = tin.read(buf)) > 0) {
                    decrypted.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // the client stopped talking: report what we have
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return new ServerView(plain.toString(UTF_8), decrypted.toString(UTF_8), handshake);
        });
    }

    private static XmppClientIT.WireTap connect(int port, EventRecorder events) {
        XmppAccount account = new XmppAccount(Jid.parse("alice@localhost"), Secret.ofUtf8(PASSWORD), "127.0.0.1", port,
                TlsPolicy.REQUIRED, Set.of(), "it");
        XmppClientIT.WireTap tap = new XmppClientIT.WireTap();
        XmppSession session = new XmppSession(account, XmppSessionConfig.DEFAULTS, new SecureRandom(), false);
        XmppChannelHandler handler = new XmppChannelHandler(session, "localhost", port,
                new PinningTrustManager(trustsOurCa, Set.of()), events);
        new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("tap", tap).addLast("xmpp", handler);
            }
        }).connect("127.0.0.1", port);
        return tap;
    }

    @Test
    void certificateForAnotherHostIsRefusedBeforeAnyCredentials() throws Exception {
        X509Certificate[] cert = new X509Certificate[1];
        SSLContext ctx = serverContext("wrong.example", cert);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<ServerView> view = script(server, ctx);
            EventRecorder events = new EventRecorder();
            XmppClientIT.WireTap tap = connect(server.getLocalPort(), events);

            XmppEvent.CertificateUntrusted untrusted = events.await(XmppEvent.CertificateUntrusted.class, WAIT_S);
            assertThat(untrusted.sha256()).isEqualTo(CertificateFingerprint.sha256(cert[0]));
            XmppEvent.Disconnected d = events.await(XmppEvent.Disconnected.class, WAIT_S);
            assertThat(d.reason()).isEqualTo("certificate-untrusted");
            assertThat(d.retry()).isFalse();
            ServerView v = view.get(WAIT_S, TimeUnit.SECONDS);
            assertThat(v.handshakeDone()).isFalse();
            assertThat(v.plaintext()).contains("<starttls").doesNotContain("<auth").doesNotContain(PASSWORD);
            assertThat(tap.text()).contains("<starttls").doesNotContain("<auth").doesNotContain(PASSWORD);
        }
    }

    @Test
    void sameCaCertificateForTheRightHostIsAcceptedAndTheLoginProceeds() throws Exception {
        X509Certificate[] cert = new X509Certificate[1];
        SSLContext ctx = serverContext("localhost", cert);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<ServerView> view = script(server, ctx);
            EventRecorder events = new EventRecorder();
            XmppClientIT.WireTap tap = connect(server.getLocalPort(), events);

            XmppEvent.TlsEstablished tls = events.await(XmppEvent.TlsEstablished.class, WAIT_S);
            assertThat(tls.certificateSha256()).isEqualTo(CertificateFingerprint.sha256(cert[0]));
            ServerView v = view.get(WAIT_S, TimeUnit.SECONDS);
            assertThat(v.handshakeDone()).isTrue();
            // PLAIN inside TLS only (RFC 6120 §13.8): the credentials went out encrypted, never in the clear.
            assertThat(v.decrypted()).contains("<auth").contains("mechanism='PLAIN'");
            assertThat(v.plaintext()).doesNotContain("<auth");
            assertThat(tap.text()).contains("<auth");
        }
    }
}
