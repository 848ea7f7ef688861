package dev.sotto.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.AccountEvent;
import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.OtrTrust;
import dev.sotto.engine.event.OtrTrustChanged;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The replay's builder (issue 10, start-up) is the same fold as {@link EngineState#apply}: one builder over a
 * whole event sequence gives the snapshot that applying the events one by one gives, and a snapshot a builder
 * started from is never changed by it. Seeded random sequences over every event the state folds; the seed is
 * printed and can be fixed with -Dsotto.test.seed.
 */
class EngineStateBuilderTest {
    private static final Jid[] ACCOUNTS = {Jid.parse("alice@example.org"), Jid.parse("alice@work.example")};
    private static final Jid[] CONTACTS = {Jid.parse("bob@example.org"), Jid.parse("carol@example.org"),
        Jid.parse("dave@example.net"), Jid.parse("erin@example.net")};

    private static DurableEvent randomEvent(SplittableRandom r, int i) {
        Jid account = ACCOUNTS[r.nextInt(ACCOUNTS.length)];
        Jid contact = CONTACTS[r.nextInt(CONTACTS.length)];
        Jid full = new Jid(contact.local(), contact.domain(), "res" + r.nextInt(2));
        return switch (r.nextInt(13)) {
            case 0 -> new AccountEvent.AccountAdded(account, Secret.ofUtf8("pw" + i), "h" + i, 5222, TlsPolicy.REQUIRED, null);
            case 1 -> new AccountEvent.AccountChanged(account, Secret.ofUtf8("pw" + i), null, 5223, TlsPolicy.REQUIRED, "r");
            case 2 -> new AccountEvent.AccountRemoved(account);
            case 3 -> new AccountEvent.CertificatePinned(account, String.format("%064x", i));
            case 4 -> new XmppEvent.RosterItemChanged(account, new RosterItem(contact, "n" + i,
                    r.nextInt(3) == 0 ? "remove" : "both", false, List.of()));
            case 5 -> new XmppEvent.SubscriptionRequested(account, full);
            case 6 -> new XmppEvent.SubscriptionAnswered(account, full, r.nextBoolean());
            case 7 -> new OtrTrustChanged(account.toString(), contact.toString(), "00", OtrTrust.values()[0], Instant.EPOCH);
            case 8 -> new XmppEvent.MessageFailed(account, contact, "f" + i, "timeout");
            case 9, 10 -> new XmppEvent.MessageSent(account, full, "s" + i, null, "body " + i);
            default -> new XmppEvent.MessageReceived(account, full, "r" + i, null, "chat", "body " + i);
        };
    }

    @Test
    void oneBuilderOverASequenceEqualsApplyingEachEvent() {
        long seed = Long.getLong("sotto.test.seed", System.nanoTime());
        System.out.println("EngineStateBuilderTest seed " + seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (int run = 0; run < 80; run++) {
            int n = r.nextInt(120);
            List<DurableEvent> events = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                events.add(randomEvent(r, i));
            }
            // Start from a non-empty snapshot half of the time: the builder copies it on write.
            EngineState start = EngineState.EMPTY;
            if (r.nextBoolean()) {
                for (int i = 0; i < 30; i++) {
                    start = start.apply(randomEvent(r, 1000 + i), Instant.ofEpochSecond(i));
                }
            }
            String startBefore = describe(start);
            EngineState stepwise = start;
            EngineState.Builder builder = start.toBuilder();
            for (int i = 0; i < n; i++) {
                Instant at = Instant.ofEpochSecond(2000 + i);
                stepwise = stepwise.apply(events.get(i), at);
                builder.apply(events.get(i), at);
                if (r.nextInt(20) == 0) {
                    // build() in the middle freezes a copy; the builder goes on from there.
                    assertThat(describe(builder.build())).as("seed %d run %d at %d", seed, run, i)
                            .isEqualTo(describe(stepwise));
                }
            }
            assertThat(describe(builder.build())).as("seed %d run %d", seed, run).isEqualTo(describe(stepwise));
            assertThat(describe(start)).as("seed %d run %d: the start snapshot is unchanged", seed, run)
                    .isEqualTo(startBefore);
        }
    }

    @Test
    void anEventTheStateDoesNotFoldReturnsTheSameSnapshot() {
        EngineState s = EngineState.EMPTY.apply(new XmppEvent.MessageSent(ACCOUNTS[0], CONTACTS[0], "1", null, "x"),
                Instant.EPOCH);
        assertThat(s.apply(new OtrTrustChanged("a@b", "c@d", "00", OtrTrust.values()[0], Instant.EPOCH), Instant.EPOCH))
                .isSameAs(s);
        assertThat(s.apply(new AccountEvent.CertificatePinned(ACCOUNTS[1], "00"), Instant.EPOCH)).isSameAs(s);
    }

    /** Every component, with accounts compared by their fields (a Secret compares by identity). */
    private static String describe(EngineState s) {
        StringBuilder b = new StringBuilder();
        s.accounts().keyValuesView().toSortedListBy(p -> p.getOne().toString()).forEach(p -> b.append("A ")
                .append(p.getOne()).append(' ').append(p.getTwo().host()).append(' ').append(p.getTwo().port())
                .append(' ').append(p.getTwo().resource()).append(' ').append(p.getTwo().pinnedSha256().stream().sorted().toList())
                .append(' ').append(System.identityHashCode(p.getTwo().password())).append('\n'));
        s.rosters().keyValuesView().toSortedListBy(p -> p.getOne().toString()).forEach(p -> b.append("R ")
                .append(p.getOne()).append(' ').append(p.getTwo().keyValuesView().toSortedListBy(q -> q.getOne().toString()))
                .append('\n'));
        s.pendingSubscriptions().keyValuesView().toSortedListBy(p -> p.getOne().toString()).forEach(p -> b.append("P ")
                .append(p.getOne()).append(' ').append(p.getTwo().toSortedListBy(Jid::toString)).append('\n'));
        s.histories().keyValuesView().toSortedListBy(p -> p.getOne().toString()).forEach(p -> {
            b.append("H ").append(p.getOne());
            p.getTwo().entries().forEach(h -> b.append(' ').append(h.at().getEpochSecond()).append(':')
                    .append(System.identityHashCode(h.event())));
            b.append('\n');
        });
        return b.toString();
    }
}
