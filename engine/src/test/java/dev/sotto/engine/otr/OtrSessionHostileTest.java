package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.otr.DataMessage;
import dev.sotto.codecs.otr.DhCommitMessage;
import dev.sotto.codecs.otr.DhKeyMessage;
import dev.sotto.codecs.otr.EncodedMessage;
import dev.sotto.codecs.otr.OtrLimits;
import dev.sotto.codecs.otr.OtrText;
import dev.sotto.codecs.otr.OtrTextCodec;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Replays, truncation, garbage, wrong MACs, wrong instances: answered per spec, nothing escapes. */
class OtrSessionHostileTest {

    private static final int ALICE_TAG = 0x1000;
    private static final int BOB_TAG = 0x2000;
    private final long seed = OtrFixtures.seed();

    private Party[] privatePair() {
        Party a = new Party(OtrConfig.of(ALICE_TAG, OtrFixtures.key(0)).withPolicy(OtrPolicy.MANUAL),
                OtrFixtures.random(seed));
        Party b = new Party(OtrConfig.of(BOB_TAG, OtrFixtures.key(1)).withPolicy(OtrPolicy.MANUAL),
                OtrFixtures.random(seed + 1));
        a.apply(a.session.start(a.now));
        Party.pump(a, b);
        assertThat(b.session.messageState()).isInstanceOf(EncryptedState.class);
        return new Party[] {a, b};
    }

    private static DataMessage decodeData(String wire) {
        OtrText t = ((DecodeResult.Ok<OtrText>) OtrTextCodec.decode(wire, OtrLimits.DEFAULT)).value();
        return (DataMessage) ((OtrText.Encoded) t).message();
    }

    private static DataMessage withMac(DataMessage d, byte[] mac) {
        return new DataMessage(d.version(), d.senderInstance(), d.receiverInstance(), d.flags(), d.senderKeyId(),
                d.recipientKeyId(), d.nextDh(), d.topHalfCounter(), d.encryptedMessage(), mac, d.oldMacKeys());
    }

    @Test
    void wrongMacIsUnreadableWithErrorAndTheSessionIsUntouched() {
        Party[] p = privatePair();
        p[0].send("real");
        String wire = p[0].drain().get(0);
        DataMessage d = decodeData(wire);
        byte[] mac = d.mac();
        mac[0] ^= 1;
        MessageState before = p[1].session.messageState();
        p[1].receive(OtrTextCodec.encode(withMac(d, mac)));
        assertThat(p[1].session.messageState()).isSameAs(before);
        assertThat(p[1].notices(OtrNotice.UnreadableMessage.class)).extracting(OtrNotice.UnreadableMessage::condition)
                .containsExactly("bad MAC");
        assertThat(p[1].drain()).singleElement().satisfies(m -> assertThat(m).startsWith("?OTR Error:"));
        p[1].receive(wire);
        assertThat(p[1].received()).containsExactly("real");
    }

    @Test
    void unknownKeyIdsAndIgnoreUnreadableFlag() {
        Party[] p = privatePair();
        p[0].send("x");
        DataMessage d = decodeData(p[0].drain().get(0));
        DataMessage unknown = new DataMessage(3, d.senderInstance(), d.receiverInstance(), 0, d.senderKeyId(), 99,
                d.nextDh(), d.topHalfCounter(), d.encryptedMessage(), d.mac(), d.oldMacKeys());
        p[1].receive(OtrTextCodec.encode(unknown));
        DataMessage unknownSender = new DataMessage(3, d.senderInstance(), d.receiverInstance(),
                DataMessage.FLAG_IGNORE_UNREADABLE, 77, d.recipientKeyId(), d.nextDh(), d.topHalfCounter(),
                d.encryptedMessage(), d.mac(), d.oldMacKeys());
        p[1].receive(OtrTextCodec.encode(unknownSender));
        assertThat(p[1].notices(OtrNotice.UnreadableMessage.class)).extracting(OtrNotice.UnreadableMessage::condition)
                .containsExactly("unknown recipient keyid");
        assertThat(p[1].notices(OtrNotice.Ignored.class)).extracting(OtrNotice.Ignored::condition)
                .containsExactly("unknown sender keyid");
        assertThat(p[1].drain()).hasSize(1); // one error, none for the IGNORE_UNREADABLE message
    }

    @Test
    void messagesForAnotherInstanceOrFromAnInvalidTagAreDroppedSilently() {
        Party[] p = privatePair();
        p[0].send("x");
        DataMessage d = decodeData(p[0].drain().get(0));
        DataMessage other = new DataMessage(3, d.senderInstance(), 0x3000, d.flags(), d.senderKeyId(),
                d.recipientKeyId(), d.nextDh(), d.topHalfCounter(), d.encryptedMessage(), d.mac(), d.oldMacKeys());
        DataMessage badSender = new DataMessage(3, 0xff, d.receiverInstance(), d.flags(), d.senderKeyId(),
                d.recipientKeyId(), d.nextDh(), d.topHalfCounter(), d.encryptedMessage(), d.mac(), d.oldMacKeys());
        p[1].receive(OtrTextCodec.encode(other));
        p[1].receive(OtrTextCodec.encode(badSender));
        assertThat(p[1].drain()).isEmpty();
        assertThat(p[1].notices(OtrNotice.Ignored.class)).hasSize(2);
        assertThat(p[1].received()).isEmpty();
    }

    @Test
    void dataMessageInPlaintextIsUnreadableWithError() {
        Party[] p = privatePair();
        p[0].send("x");
        String wire = p[0].drain().get(0);
        Party fresh = new Party(OtrConfig.of(BOB_TAG, OtrFixtures.key(1)).withPolicy(OtrPolicy.MANUAL),
                OtrFixtures.random(seed));
        fresh.receive(wire);
        assertThat(fresh.notices(OtrNotice.UnreadableMessage.class)).hasSize(1);
        assertThat(fresh.drain()).singleElement().satisfies(m -> assertThat(m).startsWith("?OTR Error:"));
    }

    @Test
    void everyTruncationAndSeededGarbageIsHandledAndTheSessionStillWorks() {
        Party[] p = privatePair();
        p[0].send("after the storm");
        String wire = p[0].drain().get(0);
        for (int i = 0; i < wire.length(); i++) {
            p[1].receive(wire.substring(0, i));
        }
        Random r = new Random(seed);
        String alphabet = "?OTR:|,.v23 \t AQIDBAUGBwg=+/\u0000é";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder(r.nextBoolean() ? "?OTR:" : "?OTR|");
            int len = r.nextInt(80);
            for (int j = 0; j < len; j++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            p[1].receive(b.toString());
        }
        p[1].receive(wire);
        assertThat(p[1].received()).as("seed " + seed).endsWith("after the storm");
    }

    @Test
    void akeRetransmissionRules() {
        Party a = new Party(OtrConfig.of(ALICE_TAG, OtrFixtures.key(0)).withPolicy(OtrPolicy.MANUAL),
                OtrFixtures.random(seed));
        Party b = new Party(OtrConfig.of(BOB_TAG, OtrFixtures.key(1)).withPolicy(OtrPolicy.MANUAL),
                OtrFixtures.random(seed + 1));
        b.receive("?OTRv3?");
        String commit = b.drain().get(0);
        a.receive(commit);
        String dhKey = a.drain().get(0);
        // AWAITING_REVEALSIG + commit again: "Retransmit your D-H Key Message (the same one)".
        a.receive(commit);
        assertThat(a.drain()).containsExactly(dhKey);
        b.receive(dhKey);
        String revealSig = b.drain().get(0);
        // AWAITING_SIG + the same D-H Key: "Retransmit your Reveal Signature Message".
        b.receive(dhKey);
        assertThat(b.drain()).containsExactly(revealSig);
        // A different D-H Key while AWAITING_SIG is ignored.
        DhKeyMessage other = new DhKeyMessage(3, ALICE_TAG, BOB_TAG, OtrGroup.pow(OtrGroup.G, BigInteger.valueOf(12345)));
        b.receive(OtrTextCodec.encode(other));
        assertThat(b.drain()).isEmpty();
        a.receive(revealSig);
        Party.pump(a, b);
        assertThat(a.session.messageState()).isInstanceOf(EncryptedState.class);
        assertThat(b.session.messageState()).isInstanceOf(EncryptedState.class);
    }

    @Test
    void illegalDhValuesAndMessagesOutOfPlaceAreIgnored() {
        Party b = new Party(OtrConfig.of(BOB_TAG, OtrFixtures.key(1)).withPolicy(OtrPolicy.MANUAL),
                OtrFixtures.random(seed + 1));
        b.receive("?OTRv3?");
        b.drain();
        for (BigInteger bad : List.of(BigInteger.ONE, OtrGroup.P.subtract(BigInteger.ONE), OtrGroup.P)) {
            b.receive(OtrTextCodec.encode(new DhKeyMessage(3, ALICE_TAG, BOB_TAG, bad)));
        }
        assertThat(b.drain()).isEmpty();
        assertThat(b.session.authState()).isInstanceOf(AwaitingDhKey.class);
        Party fresh = new Party(OtrConfig.of(BOB_TAG, OtrFixtures.key(1)).withPolicy(OtrPolicy.MANUAL),
                OtrFixtures.random(seed));
        fresh.receive(OtrTextCodec.encode(new DhKeyMessage(3, ALICE_TAG, BOB_TAG, BigInteger.TEN)));
        assertThat(fresh.drain()).isEmpty();
        assertThat(fresh.session.authState()).isInstanceOf(AuthNone.class);
    }

    @Test
    void bothStartingAtOnceTheHigherHashKeepsItsCommit() {
        Party a = new Party(OtrConfig.of(ALICE_TAG, OtrFixtures.key(0)).withPolicy(OtrPolicy.MANUAL),
                OtrFixtures.random(seed));
        Party b = new Party(OtrConfig.of(BOB_TAG, OtrFixtures.key(1)).withPolicy(OtrPolicy.MANUAL),
                OtrFixtures.random(seed + 1));
        a.receive("?OTRv3?");
        b.receive("?OTRv3?");
        String ca = a.drain().get(0);
        String cb = b.drain().get(0);
        byte[] ha = ((DhCommitMessage) ((OtrText.Encoded) ((DecodeResult.Ok<OtrText>) OtrTextCodec.decode(ca,
                OtrLimits.DEFAULT)).value()).message()).hashedGx();
        byte[] hb = ((DhCommitMessage) ((OtrText.Encoded) ((DecodeResult.Ok<OtrText>) OtrTextCodec.decode(cb,
                OtrLimits.DEFAULT)).value()).message()).hashedGx();
        boolean aHigher = new BigInteger(1, ha).compareTo(new BigInteger(1, hb)) > 0;
        a.receive(cb);
        b.receive(ca);
        Party higher = aHigher ? a : b;
        Party lower = aHigher ? b : a;
        assertThat(higher.drain()).containsExactly(aHigher ? ca : cb); // resends its own commit
        assertThat(higher.session.authState()).isInstanceOf(AwaitingDhKey.class);
        assertThat(lower.drain()).singleElement().satisfies(m -> assertThat(typeOf(m)).isEqualTo(EncodedMessage.TYPE_DH_KEY));
        assertThat(lower.session.authState()).isInstanceOf(AwaitingRevealSig.class);
    }

    private static int typeOf(String wire) {
        return ((OtrText.Encoded) ((DecodeResult.Ok<OtrText>) OtrTextCodec.decode(wire, OtrLimits.DEFAULT)).value())
                .message().messageType();
    }
}
