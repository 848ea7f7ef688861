package dev.sotto.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every old engine event stays readable (DESIGN.md, Events): the .bin files were made by protoc from the .txtpb
 * next to them (see golden/README), not by Sotto; each is decoded and compared field by field with the event
 * written out by hand here, and encoding that event gives the same bytes back.
 */
class EngineGoldenEventsTest {

    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");
    private static final Jid CAROL = Jid.parse("carol@example.org");
    private final EngineEventCodec codec = new EngineEventCodec();

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = EngineGoldenEventsTest.class.getResourceAsStream("golden/engine-v1-" + name + ".bin")) {
            return in.readAllBytes();
        }
    }

    private <T extends DurableEvent> T decodeAs(String name, Class<T> type) throws IOException {
        DurableEvent e = codec.decode(golden(name));
        assertThat(e).isInstanceOf(type);
        return type.cast(e);
    }

    private void assertReencodes(String name, DurableEvent expected) throws IOException {
        assertThat(codec.encode(expected)).isEqualTo(golden(name));
    }

    @Test
    void accountAddedWithHostPortResourceAndPassword() throws IOException {
        AccountEvent.AccountAdded a = decodeAs("account-added", AccountEvent.AccountAdded.class);
        assertThat(a.account()).isEqualTo(ALICE);
        assertThat(new String(a.password().bytes(), StandardCharsets.UTF_8)).isEqualTo("p\u00e4ss w0rd");
        assertThat(a.host()).isEqualTo("xmpp.example.org");
        assertThat(a.port()).isEqualTo(5223);
        assertThat(a.tlsPolicy()).isEqualTo(TlsPolicy.REQUIRED);
        assertThat(a.resource()).isEqualTo("desk");
        assertThat(a.toString()).doesNotContain("w0rd");
        assertReencodes("account-added", new AccountEvent.AccountAdded(ALICE, Secret.ofUtf8("p\u00e4ss w0rd"),
                "xmpp.example.org", 5223, TlsPolicy.REQUIRED, "desk"));
    }

    @Test
    void accountAddedWithoutHostMeansSrvAndOptionalTls() throws IOException {
        AccountEvent.AccountAdded a = decodeAs("account-added-srv", AccountEvent.AccountAdded.class);
        assertThat(a.account()).isEqualTo(BOB);
        assertThat(a.password().sameValue(Secret.ofUtf8("hunter2"))).isTrue();
        assertThat(a.host()).isNull();
        assertThat(a.port()).isEqualTo(5222);
        assertThat(a.tlsPolicy()).isEqualTo(TlsPolicy.OPTIONAL);
        assertThat(a.resource()).isNull();
        assertReencodes("account-added-srv", new AccountEvent.AccountAdded(BOB, Secret.ofUtf8("hunter2"), null, 5222,
                TlsPolicy.OPTIONAL, null));
    }

    @Test
    void accountChangedAndRemoved() throws IOException {
        AccountEvent.AccountChanged c = decodeAs("account-changed", AccountEvent.AccountChanged.class);
        assertThat(c.account()).isEqualTo(ALICE);
        assertThat(c.password().sameValue(Secret.ofUtf8("new-pass"))).isTrue();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(5222);
        assertThat(c.tlsPolicy()).isEqualTo(TlsPolicy.REQUIRED);
        assertThat(c.resource()).isNull();
        assertReencodes("account-changed", c);
        AccountEvent.AccountRemoved r = decodeAs("account-removed", AccountEvent.AccountRemoved.class);
        assertThat(r.account()).isEqualTo(ALICE);
        assertReencodes("account-removed", new AccountEvent.AccountRemoved(ALICE));
    }

    @Test
    void certificatePinnedPrintsColonSeparatedUpperCaseHex() throws IOException {
        AccountEvent.CertificatePinned p = decodeAs("certificate-pinned", AccountEvent.CertificatePinned.class);
        assertThat(p.account()).isEqualTo(ALICE);
        assertThat(p.sha256()).isEqualTo("00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
                + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF");
        // Typed without separators and in lower case, it is the same pin.
        assertReencodes("certificate-pinned", new AccountEvent.CertificatePinned(ALICE,
                "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
    }

    @Test
    void messages() throws IOException {
        XmppEvent.MessageSent s = decodeAs("message-sent", XmppEvent.MessageSent.class);
        assertThat(s).isEqualTo(new XmppEvent.MessageSent(ALICE, BOB, "0a1b2c3d4e5f6071", null, "hello \u2603 <&>"));
        assertThat(s.toString()).doesNotContain("hello");
        assertReencodes("message-sent", s);
        XmppEvent.MessageReceived r = decodeAs("message-received", XmppEvent.MessageReceived.class);
        assertThat(r.account()).isEqualTo(BOB);
        assertThat(r.from()).isEqualTo(new Jid("alice", "example.org", "desk"));
        assertThat(r.id()).isEqualTo("0a1b2c3d4e5f6071");
        assertThat(r.thread()).isEqualTo("t1");
        assertThat(r.type()).isEqualTo("chat");
        assertThat(r.body()).isEqualTo("hello");
        assertReencodes("message-received", r);
        XmppEvent.MessageFailed f = decodeAs("message-failed", XmppEvent.MessageFailed.class);
        assertThat(f).isEqualTo(new XmppEvent.MessageFailed(ALICE, BOB, "0a1b2c3d4e5f6071", "timeout"));
        assertReencodes("message-failed", f);
    }

    @Test
    void rosterAndSubscriptions() throws IOException {
        XmppEvent.RosterItemChanged c = decodeAs("roster-item-changed", XmppEvent.RosterItemChanged.class);
        assertThat(c.account()).isEqualTo(ALICE);
        assertThat(c.item()).isEqualTo(new RosterItem(BOB, "Bob", "both", true, List.of("Friends", "Work")));
        assertReencodes("roster-item-changed", c);
        assertThat(decodeAs("subscription-requested", XmppEvent.SubscriptionRequested.class))
                .isEqualTo(new XmppEvent.SubscriptionRequested(ALICE, CAROL));
        assertReencodes("subscription-requested", new XmppEvent.SubscriptionRequested(ALICE, CAROL));
        assertThat(decodeAs("subscription-answered", XmppEvent.SubscriptionAnswered.class))
                .isEqualTo(new XmppEvent.SubscriptionAnswered(ALICE, CAROL, true));
        assertReencodes("subscription-answered", new XmppEvent.SubscriptionAnswered(ALICE, CAROL, true));
    }

    @Test
    void otrEventsTravelInTheSameEnvelope() throws IOException {
        OtrInstanceTagAssigned expected = new OtrInstanceTagAssigned("alice@example.org", 0x5a73a599,
                Instant.parse("2026-01-01T00:00:03Z"));
        assertThat(codec.decode(golden("otr-instance-tag"))).isEqualTo(expected);
        assertReencodes("otr-instance-tag", expected);
    }

    @Test
    void otrHistoryPolicyTravelsInTheEnvelopeOnTheAccountStream() throws IOException {
        OtrHistoryPolicyChanged expected = new OtrHistoryPolicyChanged("alice@example.org", "bob@example.org", false,
                Instant.parse("2026-01-01T00:00:06Z"));
        assertThat(codec.decode(golden("otr-history-policy"))).isEqualTo(expected);
        assertReencodes("otr-history-policy", expected);
        // A setting, not a message: it lives on the account's stream, so forgetting the conversation keeps it.
        assertThat(EventStreams.of(expected)).isEqualTo(EventStreams.account(ALICE));
    }

    @Test
    void garbageAndTransientEventsAreRejectedAsIllegalArgument() {
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xff, 1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        // A message received with a 'from' that is no JID cannot come back as an event.
        byte[] badJid = {0x1a, 0x0b, 0x12, 0x09, 0x0a, 0x03, 'a', '@', 'b', 0x12, 0x02, '@', '@'};
        assertThatThrownBy(() -> codec.decode(badJid)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsAreOnePerAccountAndOnePerConversation() {
        assertThat(EventStreams.of(new AccountEvent.AccountRemoved(ALICE))).isEqualTo(EventStreams.account(ALICE));
        assertThat(EventStreams.of(new XmppEvent.RosterItemChanged(ALICE, new RosterItem(BOB, null, "none", false,
                List.of())))).isEqualTo(EventStreams.account(ALICE));
        assertThat(EventStreams.of(new XmppEvent.MessageReceived(ALICE, new Jid("bob", "example.org", "phone"), "1",
                null, "chat", "x"))).isEqualTo(EventStreams.conversation(ALICE, BOB));
        assertThat(EventStreams.of(new XmppEvent.MessageSent(ALICE, BOB, "2", null, "y")))
                .isEqualTo(EventStreams.conversation(ALICE, BOB));
        assertThat(EventStreams.conversation(ALICE, BOB)).isNotEqualTo(EventStreams.conversation(BOB, ALICE));
    }

    // ------------------------------------------------------------------ ZRTP key continuity (issue 9)

    private static final String PEER_ZID = "0c0b0a090807060504030201";
    private static final Instant Z0 = Instant.parse("2027-01-01T00:00:00Z");

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void zrtpZidAssignedInTheEnvelope() throws IOException {
        ZrtpZidAssigned expected = new ZrtpZidAssigned(java.util.HexFormat.of().parseHex("5a5254500001020304050607"), Z0);
        assertThat(decodeAs("zrtp-zid-assigned", ZrtpZidAssigned.class)).isEqualTo(expected);
        assertReencodes("zrtp-zid-assigned", expected);
        assertThat(EventStreams.of(expected)).isEqualTo(EventStreams.zrtp());
    }

    @Test
    void zrtpRetainedSecretsInTheEnvelopeNeverPrint() throws IOException {
        ZrtpRetainedSecretUpdated u = decodeAs("zrtp-retained-secret-updated", ZrtpRetainedSecretUpdated.class);
        assertThat(u.peerZid()).isEqualTo(PEER_ZID);
        assertThat(u.rs1().bytes()).isEqualTo(filled(0x33));
        assertThat(u.rs2().orElseThrow().bytes()).isEqualTo(filled(0x44));
        assertThat(u.sasVerified()).isTrue();
        assertThat(u.at()).isEqualTo(Z0.plusSeconds(1));
        assertThat(u.toString()).doesNotContain("3333").doesNotContain("4444").doesNotContain("51, 51");
        assertReencodes("zrtp-retained-secret-updated", new ZrtpRetainedSecretUpdated(PEER_ZID,
                Secret.of(filled(0x33)), java.util.Optional.of(Secret.of(filled(0x44))), true, Z0.plusSeconds(1)));
        assertThat(EventStreams.of(u)).isEqualTo(EventStreams.zrtp());

        // the first DH call with a peer: no rs2 yet, V not set (both fields absent from the record)
        ZrtpRetainedSecretUpdated first = decodeAs("zrtp-retained-secret-first", ZrtpRetainedSecretUpdated.class);
        assertThat(first.rs1().bytes()).isEqualTo(filled(0x55));
        assertThat(first.rs2()).isEmpty();
        assertThat(first.sasVerified()).isFalse();
        assertReencodes("zrtp-retained-secret-first", new ZrtpRetainedSecretUpdated(PEER_ZID, Secret.of(filled(0x55)),
                java.util.Optional.empty(), false, Z0.plusMillis(1500)));
    }

    @Test
    void zrtpSasVerifiedAndCacheMismatchInTheEnvelope() throws IOException {
        ZrtpSasVerified v = new ZrtpSasVerified(PEER_ZID, true, Z0.plusSeconds(2));
        assertThat(decodeAs("zrtp-sas-verified", ZrtpSasVerified.class)).isEqualTo(v);
        assertReencodes("zrtp-sas-verified", v);
        ZrtpCacheMismatch m = new ZrtpCacheMismatch(PEER_ZID, "4xoh", Z0.plusSeconds(3));
        assertThat(decodeAs("zrtp-cache-mismatch", ZrtpCacheMismatch.class)).isEqualTo(m);
        assertReencodes("zrtp-cache-mismatch", m);
        assertThat(EventStreams.of(m)).isEqualTo(EventStreams.zrtp());
    }

    @Test
    void transientZrtpEventInALogRecordIsRefused() throws IOException {
        // ZrtpSecureOn is live-bus only; a record carrying one is not an event of the log
        assertThatThrownBy(() -> codec.decode(golden("zrtp-secure-on-refused")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oldZrtpGoldensStillDecodeInsideTheEnvelope() throws IOException {
        // the zrtp-v1-* files predate the envelope: their bytes, wrapped as field 4, are a valid log record
        for (String name : List.of("zid-assigned", "retained-secret-updated", "sas-verified", "cache-mismatch")) {
            byte[] inner;
            try (InputStream in = EngineGoldenEventsTest.class.getResourceAsStream("golden/zrtp-v1-" + name + ".bin")) {
                inner = in.readAllBytes();
            }
            byte[] wrapped = new byte[inner.length + 2];
            wrapped[0] = 0x22; // field 4 (zrtp), length-delimited
            wrapped[1] = (byte) inner.length;
            System.arraycopy(inner, 0, wrapped, 2, inner.length);
            assertThat(inner.length).isLessThan(128);
            DurableEvent e = codec.decode(wrapped);
            assertThat(e).isInstanceOf(ZrtpEvent.class);
            assertThat(codec.encode(e)).isEqualTo(wrapped);
        }
    }
}
