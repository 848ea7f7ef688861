package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.otr.OtrLimits;
import dev.sotto.codecs.otr.SmpTlvCodec;
import dev.sotto.codecs.otr.Tlv;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SMP checks of OTR v3: group membership and each zero-knowledge proof, and out-of-order messages. */
class SmpTest {

    private final Smp alice = new Smp(OtrLimits.DEFAULT, OtrFixtures.random(11));
    private final Smp bob = new Smp(OtrLimits.DEFAULT, OtrFixtures.random(12));

    private static List<BigInteger> mpis(Tlv t, int n) {
        return ((DecodeResult.Ok<List<BigInteger>>) SmpTlvCodec.decode(t.value(), 0, n, OtrLimits.DEFAULT)).value();
    }

    private static Tlv replace(Tlv t, int n, int index, BigInteger v) {
        List<BigInteger> m = new ArrayList<>(mpis(t, n));
        m.set(index, v);
        return new Tlv(t.type(), SmpTlvCodec.encode(m));
    }

    @Test
    void everyMessage1ValueIsCheckedAndACheatIsAbortedWithType6() {
        SmpStep s1 = alice.start(SmpState.Expect1.INSTANCE, BigInteger.TEN, null);
        Tlv msg1 = s1.send().get(0);
        assertThat(bob.receive(SmpState.Expect1.INSTANCE, msg1).next()).isInstanceOf(SmpState.AwaitingSecret.class);
        for (int i = 0; i < 6; i++) {
            BigInteger v = mpis(msg1, 6).get(i);
            SmpStep cheat = bob.receive(SmpState.Expect1.INSTANCE, replace(msg1, 6, i, v.add(BigInteger.ONE)));
            assertThat(cheat.notices()).as("mpi " + i).singleElement().isInstanceOf(OtrNotice.SmpCheated.class);
            assertThat(cheat.send()).extracting(Tlv::type).containsExactly(Tlv.SMP_ABORT);
            assertThat(cheat.next()).isInstanceOf(SmpState.Expect1.class);
        }
        SmpStep outOfRange = bob.receive(SmpState.Expect1.INSTANCE, replace(msg1, 6, 0, BigInteger.ONE));
        assertThat(outOfRange.notices()).singleElement().isInstanceOf(OtrNotice.SmpCheated.class);
    }

    @Test
    void fullRunDetectsTamperedLaterMessagesAndOutOfOrderOnes() {
        SmpStep s1 = alice.start(SmpState.Expect1.INSTANCE, BigInteger.TEN, "q");
        SmpStep r1 = bob.receive(SmpState.Expect1.INSTANCE, s1.send().get(0));
        SmpStep s2 = bob.answer((SmpState.AwaitingSecret) r1.next(), BigInteger.TEN);
        Tlv msg2 = s2.send().get(0);
        for (int i = 0; i < 11; i++) {
            SmpStep cheat = alice.receive(s1.next(), replace(msg2, 11, i, mpis(msg2, 11).get(i).add(BigInteger.ONE)));
            assertThat(cheat.notices()).as("msg2 mpi " + i).singleElement().isInstanceOf(OtrNotice.SmpCheated.class);
        }
        SmpStep s3 = alice.receive(s1.next(), msg2);
        Tlv msg3 = s3.send().get(0);
        for (int i = 0; i < 8; i++) {
            SmpStep cheat = bob.receive(s2.next(), replace(msg3, 8, i, mpis(msg3, 8).get(i).add(BigInteger.ONE)));
            assertThat(cheat.notices()).as("msg3 mpi " + i).singleElement().isInstanceOf(OtrNotice.SmpCheated.class);
        }
        SmpStep s4 = bob.receive(s2.next(), msg3);
        assertThat(s4.notices()).containsExactly(new OtrNotice.SmpResult(true));
        Tlv msg4 = s4.send().get(0);
        for (int i = 0; i < 3; i++) {
            SmpStep cheat = alice.receive(s3.next(), replace(msg4, 3, i, mpis(msg4, 3).get(i).add(BigInteger.ONE)));
            assertThat(cheat.notices()).as("msg4 mpi " + i).singleElement().isInstanceOf(OtrNotice.SmpCheated.class);
        }
        assertThat(alice.receive(s3.next(), msg4).notices()).containsExactly(new OtrNotice.SmpResult(true));
        // A message 3 while expecting message 2: abort, back to EXPECT1.
        SmpStep wrong = alice.receive(s1.next(), msg3);
        assertThat(wrong.send()).extracting(Tlv::type).containsExactly(Tlv.SMP_ABORT);
        assertThat(wrong.next()).isInstanceOf(SmpState.Expect1.class);
    }

    @Test
    void secretBindsFingerprintsAndSsid() {
        Fingerprint a = OtrFixtures.key(0).fingerprint();
        Fingerprint b = OtrFixtures.key(1).fingerprint();
        byte[] ssid = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] user = "s".getBytes();
        assertThat(Smp.secret(a, b, ssid, user)).isNotEqualTo(Smp.secret(b, a, ssid, user));
        byte[] expected = OtrPrimitives.sha256(new byte[] {1}, a.bytes(), b.bytes(), ssid, user);
        assertThat(Smp.secret(a, b, ssid, user)).isEqualTo(new BigInteger(1, expected));
    }
}
