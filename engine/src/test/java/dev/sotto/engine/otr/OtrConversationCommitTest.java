package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.sansio.Output;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bob's D-H Commits go out from his master session (to instance 0, OTR v3 "Instance Tags") and are taken over by
 * his session for alice's instance when her D-H Key answers. Each commit is taken once: after that the AKE is
 * the instance's, and repeated D-H Keys follow OTR v3 "Receiving a D-H Key Message" for that instance.
 */
class OtrConversationCommitTest {

    private static final class Side {
        OtrConversation conv;
        final SecureRandom random;
        final List<String> outbox = new ArrayList<>();
        final List<OtrNotice> notices = new ArrayList<>();

        Side(int tag, int key, long seed) {
            conv = OtrConversation.create(OtrConfig.of(tag, OtrFixtures.key(key)).withPolicy(OtrPolicy.MANUAL));
            random = OtrFixtures.random(seed);
        }

        /** Receives {@code body} and returns what it sent in reply. */
        List<String> receive(String body) {
            return apply(conv.receive(body, 0, random));
        }

        List<String> apply(OtrConversation.Step s) {
            conv = s.conversation();
            List<String> sent = new ArrayList<>();
            for (Output o : s.outputs().list()) {
                if (o instanceof Output.Send send) {
                    sent.add(new String(send.bytes(), StandardCharsets.UTF_8));
                } else if (o instanceof Output.Emit e) {
                    notices.add((OtrNotice) e.event());
                }
            }
            outbox.addAll(sent);
            return sent;
        }

        String ssid() {
            return ((EncryptedState) conv.current().messageState()).ssidDisplay();
        }

        List<String> received() {
            return notices.stream().filter(OtrNotice.MessageReceived.class::isInstance)
                    .map(n -> ((OtrNotice.MessageReceived) n).text()).toList();
        }
    }

    private static String only(List<String> sent) {
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }

    /** Bob answers {@code query} with a commit from his master; returns alice's D-H Key and completes the AKE. */
    private static String ake(Side alice, Side bob, String query) {
        String commit = only(bob.receive(query));
        String dhKey = only(alice.receive(commit));
        String revealSig = only(bob.receive(dhKey));
        String sig = only(alice.receive(revealSig));
        assertThat(bob.receive(sig)).isEmpty();
        assertThat(bob.conv.current().messageState()).isInstanceOf(EncryptedState.class);
        return dhKey;
    }

    @Test
    void aRepeatedDhKeyOfAFinishedAkeIsIgnoredAndANewCommitIsStillTaken() {
        long seed = OtrFixtures.seed();
        String why = "seed " + seed + " (-Dsotto.test.seed=" + seed + ")";
        Side alice = new Side(0x1000, 0, seed);
        Side bob = new Side(0x2000, 1, seed + 1);
        String query = only(alice.apply(alice.conv.start(0)));

        String dhKey1 = ake(alice, bob, query); // bob's new instance for alice takes his first commit
        String ssid1 = bob.ssid();
        // AUTHSTATE_NONE: "Ignore the message." (bob's master is still in AUTHSTATE_AWAITING_DHKEY for "any")
        assertThat(bob.receive(dhKey1)).as(why).isEmpty();
        assertThat(bob.ssid()).as(why).isEqualTo(ssid1);

        // A new Query Message: a new commit from bob's master, taken by the instance he already knows.
        String commit2 = only(bob.receive(query));
        String dhKey2 = only(alice.receive(commit2));
        String revealSig2 = only(bob.receive(dhKey2));
        // AUTHSTATE_AWAITING_SIG and "the same one you received earlier": "Retransmit your Reveal Signature Message".
        assertThat(bob.receive(dhKey2)).as(why).containsExactly(revealSig2);
        assertThat(bob.receive(only(alice.receive(revealSig2)))).as(why).isEmpty();
        assertThat(bob.ssid()).as(why).isNotEqualTo(ssid1);
        assertThat(bob.receive(dhKey2)).as(why).isEmpty();
        assertThat(bob.receive(dhKey1)).as(why).isEmpty();

        alice.receive(only(bob.apply(bob.conv.send("still readable", 0, bob.random))));
        assertThat(alice.received()).as(why).containsExactly("still readable");
        assertThat(alice.outbox).as(why).noneMatch(m -> m.startsWith("?OTR Error"));
        assertThat(bob.outbox).as(why).noneMatch(m -> m.startsWith("?OTR Error"));
    }
}
