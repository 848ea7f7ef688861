package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.event.OtrFingerprintSeen;
import dev.sotto.engine.event.OtrKeyGenerated;
import dev.sotto.engine.event.OtrTrust;
import dev.sotto.engine.event.OtrTrustChanged;
import dev.sotto.engine.crypto.Secret;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtrTrustBookTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final Fingerprint bob = OtrFixtures.key(1).fingerprint();

    @Test
    void firstSightIsUnverifiedSmpSuccessVerifiesAndTheUserCanDistrust() {
        OtrTrustBook book = OtrTrustBook.empty("alice@x");
        OtrNotice.WentPrivate wentPrivate = new OtrNotice.WentPrivate(3, 0x100, bob, "00000000 00000000", false);
        List<OtrEvent> seen = book.eventsFor("bob@x", bob, wentPrivate, T);
        assertThat(seen).containsExactly(new OtrFingerprintSeen("alice@x", "bob@x", bob.display(), T));
        book = book.apply(seen.get(0));
        assertThat(book.trust("bob@x", bob)).isEqualTo(OtrTrust.UNVERIFIED);
        assertThat(book.eventsFor("bob@x", bob, wentPrivate, T)).as("seen only once").isEmpty();

        assertThat(book.eventsFor("bob@x", bob, new OtrNotice.SmpResult(false), T)).isEmpty();
        List<OtrEvent> verified = book.eventsFor("bob@x", bob, new OtrNotice.SmpResult(true), T);
        assertThat(verified).containsExactly(new OtrTrustChanged("alice@x", "bob@x", bob.display(), OtrTrust.VERIFIED_SMP, T));
        book = book.apply(verified.get(0));
        assertThat(book.trust("bob@x", bob)).isEqualTo(OtrTrust.VERIFIED_SMP);

        book = book.apply(book.decide("bob@x", bob, false, T));
        assertThat(book.trust("bob@x", bob)).isEqualTo(OtrTrust.DISTRUSTED);
        assertThat(book.eventsFor("bob@x", bob, new OtrNotice.SmpResult(true), T)).as("SMP does not undo distrust").isEmpty();
        assertThat(book.apply(new OtrFingerprintSeen("carol@x", "bob@x", bob.display(), T)).trust("bob@x", bob))
                .isEqualTo(OtrTrust.DISTRUSTED);
    }

    @Test
    void keyEventRestoresTheKeyAndRejectsAMismatchedPrivatePart() {
        OtrLongTermKey k = OtrFixtures.key(0);
        OtrKeyGenerated e = new OtrKeyGenerated("alice@x", k.publicKey().encode(), k.privateKey(), k.fingerprint().display(), T);
        OtrLongTermKey back = OtrKeyGeneration.fromEvent(e);
        assertThat(back).isNotNull();
        assertThat(back.fingerprint()).isEqualTo(k.fingerprint());
        OtrKeyGenerated wrong = new OtrKeyGenerated("alice@x", k.publicKey().encode(), OtrFixtures.key(1).privateKey(),
                k.fingerprint().display(), T);
        assertThat(OtrKeyGeneration.fromEvent(wrong)).isNull();
        assertThat(OtrKeyGeneration.fromEvent(new OtrKeyGenerated("a", new byte[] {0, 0}, Secret.of(new byte[1]), "x", T))).isNull();
    }
}
