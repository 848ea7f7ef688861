package dev.sotto.engine.xmpp;

import dev.sotto.engine.event.XmppEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.xmpp.SessionDriver.Delivery;
import dev.sotto.engine.event.XmppEvent.AuthenticationFailed;
import dev.sotto.engine.event.XmppEvent.Connected;
import dev.sotto.engine.event.XmppEvent.Disconnected;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client session against a scripted server: the phase graph, security rules and hostile input. */
class XmppSessionTest {

    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' from='localhost' id='s1' version='1.0'>";
    static final String FEATURES_TLS = "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
            + "<required/></starttls></stream:features>";
    static final String FEATURES_SASL = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + "<mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms></stream:features>";
    static final String FEATURES_BIND = "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
            + "</stream:features>";
    static final String PROCEED = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
    static final long SEED = Long.getLong("sotto.test.seed", 20261126L);

    private static String group(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }

    /** Runs the whole negotiation to READY, checking each step's bytes. */
    static void login(SessionDriver d) throws Exception {
        d.start();
        String first = d.takeSent();
        assertThat(first).startsWith("<?xml version='1.0'?><stream:stream").contains("to='localhost'")
                .doesNotContain("from="); // RFC 6120 §4.7.1: no 'from' before TLS
        d.feed(HEADER + FEATURES_TLS);
        assertThat(d.takeSent()).isEqualTo("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        d.feed(PROCEED);
        assertThat(d.outputs.get(d.outputs.size() - 1)).isEqualTo(new XmppOutput.StartTls());
        assertThat(d.session.phase()).isEqualTo(Phase.TLS_HANDSHAKE);
        d.tlsUp();
        assertThat(d.takeSent()).contains("from='alice@localhost'");
        d.feed(HEADER + FEATURES_SASL);
        String auth = d.takeSent();
        assertThat(auth).contains("mechanism='SCRAM-SHA-1'");
        String clientFirst = unb64(group("<auth[^>]*>([^<]*)</auth>", auth));
        assertThat(clientFirst).startsWith("n,,n=alice,r=");
        ScramServer server = new ScramServer("alice-pass");
        d.feed("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + b64(server.serverFirst(clientFirst)) + "</challenge>");
        String clientFinal = unb64(group("<response[^>]*>([^<]*)</response>", d.takeSent()));
        String serverFinal = server.serverFinal(clientFinal);
        assertThat(serverFinal).as("client proof verified by the JDK's PBKDF2").isNotNull();
        d.feed("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + b64(serverFinal) + "</success>");
        assertThat(d.takeSent()).startsWith("<?xml version='1.0'?><stream:stream");
        d.feed(HEADER + FEATURES_BIND);
        String bind = d.takeSent();
        assertThat(bind).contains("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>desk</resource></bind>");
        String bindId = group("id='([^']+)'", bind);
        d.feed("<iq type='result' id='" + bindId + "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<jid>alice@localhost/desk</jid></bind></iq>");
        assertThat(d.session.phase()).isEqualTo(Phase.READY);
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void negotiatesStartTlsScramAndBindThenAsksRosterAndSendsPresence(Delivery delivery) throws Exception {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, delivery, SEED);
        try {
            login(d);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + SEED + " (replay with -Dsotto.test.seed=" + SEED + ")", e);
        }
        assertThat(d.events()).contains(new Connected(Jid.parse("alice@localhost"), Jid.parse("alice@localhost/desk")));
        String after = d.takeSent();
        assertThat(after).contains("<query xmlns='jabber:iq:roster'/>").endsWith("<presence/>");
    }

    @Test
    void randomSplitsWithManySeedsGiveTheSameResult() throws Exception {
        long base = SEED;
        for (int i = 0; i < 20; i++) {
            long seed = base + i;
            SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.RANDOM_SPLITS, seed);
            try {
                login(d);
                d.feed("<message from='bob@localhost/x' type='chat' id='m1'><body>hi &amp; bye</body></message>");
                assertThat(d.events()).contains(new XmppEvent.MessageReceived(Jid.parse("alice@localhost"),
                        Jid.parse("bob@localhost/x"), "m1", null, "chat", "hi & bye"));
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + " (replay with -Dsotto.test.seed=" + seed + ")", e);
            }
        }
    }

    @Test
    void noCredentialsWithoutTlsWhenTheServerOffersNoStartTls() {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        d.start();
        d.feed(HEADER + FEATURES_SASL);
        assertThat(d.allSent()).doesNotContain("<auth").doesNotContain("<response");
        assertThat(d.events()).contains(new Disconnected(Jid.parse("alice@localhost"), "tls-not-offered", false));
        assertThat(d.closed()).isTrue();
    }

    @Test
    void plainIsNeverUsedOutsideTlsEvenWhenTheUserAllowedPlaintext() {
        SessionDriver d = new SessionDriver(TlsPolicy.OPTIONAL, Delivery.WHOLE, SEED);
        d.start();
        d.feed(HEADER + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>");
        assertThat(d.allSent()).doesNotContain("<auth");
        assertThat(d.events()).contains(new AuthenticationFailed(Jid.parse("alice@localhost"), "no-acceptable-mechanism", false));
    }

    @Test
    void strongestMechanismWins() {
        assertThat(SaslMechanismChoice.choose(List.of("PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"), true))
                .isEqualTo("SCRAM-SHA-256");
        assertThat(SaslMechanismChoice.choose(List.of("PLAIN", "SCRAM-SHA-1"), true)).isEqualTo("SCRAM-SHA-1");
        assertThat(SaslMechanismChoice.choose(List.of("PLAIN"), true)).isEqualTo("PLAIN");
        assertThat(SaslMechanismChoice.choose(List.of("PLAIN"), false)).isNull();
        assertThat(SaslMechanismChoice.choose(List.of("DIGEST-MD5", "X-OAUTH2"), true)).isNull();
    }

    private static SessionDriver upToChallenge() {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        d.start();
        d.feed(HEADER + FEATURES_TLS);
        d.feed(PROCEED);
        d.tlsUp();
        d.feed(HEADER + FEATURES_SASL);
        return d;
    }

    @Test
    void serverFailureIsReportedWithItsConditionAndNotRetried() {
        SessionDriver d = upToChallenge();
        d.takeSent();
        d.feed("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/><text>nope</text></failure>");
        Jid alice = Jid.parse("alice@localhost");
        assertThat(d.events()).contains(new AuthenticationFailed(alice, "not-authorized", true),
                new Disconnected(alice, "authentication-failed", false));
        assertThat(d.takeSent()).isEqualTo("</stream:stream>");
        assertThat(d.session.phase()).isEqualTo(Phase.CLOSED);
    }

    @Test
    void wrongServerSignatureInSuccessFailsTheLogin() throws Exception {
        SessionDriver d = upToChallenge();
        String clientFirst = unb64(group("<auth[^>]*>([^<]*)</auth>", d.takeSent()));
        ScramServer server = new ScramServer("alice-pass");
        d.feed("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + b64(server.serverFirst(clientFirst)) + "</challenge>");
        d.takeSent();
        d.feed("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + b64("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=") + "</success>");
        assertThat(d.events()).contains(new AuthenticationFailed(Jid.parse("alice@localhost"), "server-signature-mismatch", false));
        assertThat(d.takeSent()).doesNotContain("<stream:stream").doesNotContain("<bind");
    }

    @Test
    void successWithoutServerSignatureFailsTheLogin() throws Exception {
        SessionDriver d = upToChallenge();
        d.feed("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        assertThat(d.events()).contains(new AuthenticationFailed(Jid.parse("alice@localhost"), "server-signature-missing", false));
    }

    @Test
    void plaintextAfterProceedEndsTheConnectionWithoutStartingTls() {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        d.start();
        d.feed(HEADER + FEATURES_TLS);
        d.feed(PROCEED + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        assertThat(d.outputs).doesNotContain(new XmppOutput.StartTls());
        assertThat(d.events()).contains(new Disconnected(Jid.parse("alice@localhost"), "plaintext-after-proceed", true));
    }

    @Test
    void untrustedCertificateStopsWithItsFingerprintAndNoRetry() {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        d.start();
        d.feed(HEADER + FEATURES_TLS);
        d.feed(PROCEED);
        d.outputs.addAll(d.session.tlsFailed("01:02", "PKIX path building failed", 5));
        Jid alice = Jid.parse("alice@localhost");
        assertThat(d.events()).contains(new XmppEvent.CertificateUntrusted(alice, "01:02", "PKIX path building failed"),
                new Disconnected(alice, "certificate-untrusted", false));
        assertThat(d.allSent()).doesNotContain("<auth");
    }

    @Test
    void answersPingDiscoAndUnknownIqs() throws Exception {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        login(d);
        d.takeSent();
        d.feed("<iq type='get' id='p1' from='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertThat(d.takeSent()).isEqualTo("<iq type='result' id='p1' to='localhost'/>");
        d.feed("<iq type='get' id='d1' from='bob@localhost/x'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        assertThat(d.takeSent()).startsWith("<iq type='result' id='d1' to='bob@localhost/x'>")
                .contains("<feature var='urn:xmpp:ping'/>");
        d.feed("<iq type='set' id='u1' from='bob@localhost/x'><frob xmlns='urn:example'/></iq>");
        assertThat(d.takeSent()).isEqualTo("<iq type='error' id='u1' to='bob@localhost/x'><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    }

    @Test
    void rosterResultAndPushesFromOurselvesOnly() throws Exception {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        login(d);
        String rosterId = group("<iq type='get' id='([^']+)'><query xmlns='jabber:iq:roster'/>", d.takeSent());
        d.feed("<iq type='result' id='" + rosterId + "'><query xmlns='jabber:iq:roster'>"
                + "<item jid='bob@localhost' name='Bob' subscription='both'><group>Friends</group></item>"
                + "<item jid='@@bad' subscription='none'/></query></iq>");
        Jid alice = Jid.parse("alice@localhost");
        RosterItem bob = new RosterItem(Jid.parse("bob@localhost"), "Bob", "both", false, List.of("Friends"));
        assertThat(d.events()).contains(new XmppEvent.RosterReceived(alice, List.of(bob)));
        // RFC 6121 §2.1.6: a push from a stranger is ignored.
        d.feed("<iq type='set' id='r1' from='mallory@evil'><query xmlns='jabber:iq:roster'>"
                + "<item jid='mallory@evil' subscription='both'/></query></iq>");
        assertThat(d.takeSent()).isEmpty();
        d.feed("<iq type='set' id='r2' from='alice@localhost'><query xmlns='jabber:iq:roster'>"
                + "<item jid='carol@localhost' subscription='none' ask='subscribe'/></query></iq>");
        assertThat(d.events()).contains(new XmppEvent.RosterPushed(alice,
                new RosterItem(Jid.parse("carol@localhost"), null, "none", true, List.of())));
        assertThat(d.events().stream().filter(e -> e instanceof XmppEvent.RosterPushed)).hasSize(1);
        assertThat(d.takeSent()).isEqualTo("<iq type='result' id='r2' to='alice@localhost'/>");
    }

    @Test
    void presenceSubscriptionsMessagesAndErrors() throws Exception {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        login(d);
        Jid alice = Jid.parse("alice@localhost");
        d.feed("<presence from='bob@localhost/x'><show>dnd</show><status>busy</status><priority>999</priority></presence>"
                + "<presence from='bob@localhost/y' type='unavailable'/>"
                + "<presence from='carol@localhost' type='subscribe'/>"
                + "<message from='bob@localhost/x' type='error' id='m9'><error type='cancel'>"
                + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"
                + "<message from='bob@localhost/x' type='chat' id='m2'><body>b</body><thread>t1</thread></message>"
                + "<message from='bob@localhost/x' type='chat'><active xmlns='http://jabber.org/protocol/chatstates'/></message>");
        assertThat(d.events()).contains(
                new XmppEvent.PresenceReceived(alice, Jid.parse("bob@localhost/x"), PresenceShow.DND, "busy", 127),
                new XmppEvent.PresenceReceived(alice, Jid.parse("bob@localhost/y"), PresenceShow.UNAVAILABLE, null, 0),
                new XmppEvent.SubscriptionReceived(alice, Jid.parse("carol@localhost"), "subscribe"),
                new XmppEvent.MessageFailed(alice, Jid.parse("bob@localhost/x"), "m9", "item-not-found"),
                new XmppEvent.MessageReceived(alice, Jid.parse("bob@localhost/x"), "m2", "t1", "chat", "b"));
        assertThat(d.events().stream().filter(e -> e instanceof XmppEvent.MessageReceived)).hasSize(1);
    }

    @Test
    void sendsChatMessagesWithIdAndThreadAndRefusesUnencodableText() throws Exception {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        login(d);
        d.takeSent();
        Jid bob = Jid.parse("bob@localhost");
        Jid alice = Jid.parse("alice@localhost");
        d.outputs.addAll(d.session.sendMessage(bob, "id1", "th", "a<b", 9));
        assertThat(d.takeSent()).isEqualTo(
                "<message to='bob@localhost' type='chat' id='id1'><body>a&lt;b</body><thread>th</thread></message>");
        d.outputs.addAll(d.session.sendMessage(bob, "id2", null, "bell\u0007", 10));
        assertThat(d.takeSent()).isEmpty();
        assertThat(d.events()).contains(new XmppEvent.MessageTransmitted(alice, bob, "id1"),
                new XmppEvent.MessageFailed(alice, bob, "id2", "invalid-character"));
    }

    @Test
    void messageBeforeReadyFailsInsteadOfVanishing() {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        d.start();
        d.outputs.addAll(d.session.sendMessage(Jid.parse("bob@localhost"), "q1", null, "x", 2));
        assertThat(d.events()).contains(new XmppEvent.MessageFailed(Jid.parse("alice@localhost"),
                Jid.parse("bob@localhost"), "q1", "not-connected"));
    }

    @Test
    void streamErrorSeeOtherHostIsReported() throws Exception {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        login(d);
        d.feed("<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>other.example:5222"
                + "</see-other-host></stream:error>");
        Jid alice = Jid.parse("alice@localhost");
        assertThat(d.events()).contains(new XmppEvent.StreamErrorReceived(alice, "see-other-host", "other.example:5222"),
                new Disconnected(alice, "see-other-host", true));
        assertThat(d.closed()).isTrue();
    }

    @Test
    void malformedXmlAndOversizedStanzasEndTheStreamWithAStreamError() throws Exception {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        login(d);
        d.takeSent();
        d.feed("<message><body>x</bdy></message>");
        assertThat(d.takeSent()).isEqualTo("<error xmlns='http://etherx.jabber.org/streams'>"
                + "<not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></error></stream:stream>");
        assertThat(d.closed()).isTrue();

        SessionDriver big = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        login(big);
        big.takeSent();
        big.feed("<message><body>" + "x".repeat(300 * 1024) + "</body></message>");
        assertThat(big.takeSent()).contains("<policy-violation");
        assertThat(big.events()).contains(new XmppEvent.StreamErrorSent(Jid.parse("alice@localhost"), "policy-violation"));
    }

    @Test
    void unexpectedElementsBeforeReadyAreRefused() {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        d.start();
        d.feed(HEADER + "<message from='bob@localhost'><body>early</body></message>");
        assertThat(d.allSent()).contains("<unsupported-stanza-type");
        assertThat(d.events()).noneMatch(e -> e instanceof XmppEvent.MessageReceived);
    }

    @Test
    void randomGarbageNeverThrows() {
        long seed = SEED;
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < 300; i++) {
            SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.RANDOM_SPLITS, seed + i);
            try {
                d.start();
                d.feed(HEADER);
                byte[] junk = new byte[r.nextInt(200)];
                r.nextBytes(junk);
                String[] pieces = {FEATURES_TLS, PROCEED, FEATURES_SASL, "<iq/>", "<a:b/>", "</stream:stream>",
                    new String(junk, StandardCharsets.ISO_8859_1)};
                for (int k = 0; k < 4; k++) {
                    d.feed(pieces[r.nextInt(pieces.length)]);
                    if (d.session.phase() == Phase.TLS_HANDSHAKE) {
                        d.tlsUp();
                    }
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " iteration " + i, e);
            }
        }
    }

    @Test
    void keepalivePingAndTimeout() throws Exception {
        SessionDriver d = new SessionDriver(TlsPolicy.REQUIRED, Delivery.WHOLE, SEED);
        login(d);
        d.takeSent();
        d.outputs.addAll(d.session.timerFired(XmppSession.TIMER_KEEPALIVE, 100));
        String ping = d.takeSent();
        assertThat(ping).contains("<ping xmlns='urn:xmpp:ping'/>");
        d.feed("<iq type='result' id='" + group("id='([^']+)'", ping) + "' from='localhost'/>");
        d.outputs.addAll(d.session.timerFired(XmppSession.TIMER_PING_TIMEOUT, 200));
        assertThat(d.session.phase()).isEqualTo(Phase.READY);
        d.outputs.addAll(d.session.timerFired(XmppSession.TIMER_KEEPALIVE, 300));
        d.outputs.addAll(d.session.timerFired(XmppSession.TIMER_PING_TIMEOUT, 400));
        assertThat(d.events()).contains(new Disconnected(Jid.parse("alice@localhost"), "ping-timeout", true));
    }

    @Test
    void phaseGraphPrintsEveryPhase() {
        String graph = Phase.graph();
        assertThat(graph).contains("IDLE -> AWAIT_FEATURES, CLOSED").contains("STARTTLS_REQUESTED -> TLS_HANDSHAKE, CLOSED")
                .contains("CLOSED -> (end)");
        assertThat(Phase.READY.canMoveTo(Phase.AUTHENTICATING)).isFalse();
    }

    @Test
    void eventsDoNotPrintMessageText() {
        XmppEvent e = new XmppEvent.MessageReceived(Jid.parse("a@b"), Jid.parse("c@d"), "1", null, "chat", "secret words");
        assertThat(e.toString()).doesNotContain("secret words");
    }
}
