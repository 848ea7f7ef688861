package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.sansio.Output;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bob logged in twice: every message reaches both of his clients (as on networks that copy to all). */
class OtrConversationTest {

    private static final class Client {
        OtrConversation conv;
        final SecureRandom random;
        final List<String> outbox = new ArrayList<>();
        final List<OtrNotice> notices = new ArrayList<>();

        Client(int tag, int key, long seed) {
            conv = OtrConversation.create(OtrConfig.of(tag, OtrFixtures.key(key)).withPolicy(OtrPolicy.MANUAL));
            random = OtrFixtures.random(seed);
        }

        void apply(OtrConversation.Step s) {
            conv = s.conversation();
            for (Output o : s.outputs().list()) {
                if (o instanceof Output.Send send) {
                    outbox.add(new String(send.bytes(), StandardCharsets.UTF_8));
                } else if (o instanceof Output.Emit e) {
                    notices.add((OtrNotice) e.event());
                }
            }
        }

        List<String> received() {
            return notices.stream().filter(OtrNotice.MessageReceived.class::isInstance)
                    .map(n -> ((OtrNotice.MessageReceived) n).text()).toList();
        }

        long errors() {
            return outbox.stream().filter(m -> m.startsWith("?OTR Error")).count();
        }
    }

    /** Alice's messages go to both of Bob's clients; each Bob client's messages go to Alice. */
    private static int pump(Client alice, Client bob1, Client bob2) {
        int errors = 0;
        for (int i = 0; i < 100; i++) {
            List<String> fromA = new ArrayList<>(alice.outbox);
            List<String> fromB = new ArrayList<>(bob1.outbox);
            fromB.addAll(bob2.outbox);
            errors += (int) (alice.errors() + bob1.errors() + bob2.errors());
            alice.outbox.clear();
            bob1.outbox.clear();
            bob2.outbox.clear();
            if (fromA.isEmpty() && fromB.isEmpty()) {
                return errors;
            }
            for (String m : fromA) {
                bob1.apply(bob1.conv.receive(m, 0, bob1.random));
                bob2.apply(bob2.conv.receive(m, 0, bob2.random));
            }
            for (String m : fromB) {
                alice.apply(alice.conv.receive(m, 0, alice.random));
            }
        }
        throw new AssertionError("did not settle");
    }

    @Test
    void twoClientsOfOneContactGetTwoPrivateSessionsAndNoErrorStorm() {
        long seed = OtrFixtures.seed();
        Client alice = new Client(0x1000, 0, seed);
        Client bob1 = new Client(0x2000, 1, seed + 1);
        Client bob2 = new Client(0x3000, 1, seed + 2);
        alice.apply(alice.conv.start(0));
        int errors = pump(alice, bob1, bob2);
        assertThat(errors).as("seed " + seed).isZero();
        assertThat(alice.conv.instanceCount()).isEqualTo(2);
        assertThat(alice.conv.instance(0x2000).messageState()).isInstanceOf(EncryptedState.class);
        assertThat(alice.conv.instance(0x3000).messageState()).isInstanceOf(EncryptedState.class);
        assertThat(bob1.conv.current().messageState()).isInstanceOf(EncryptedState.class);
        assertThat(bob2.conv.current().messageState()).isInstanceOf(EncryptedState.class);

        alice.apply(alice.conv.send("to one bob", 0, alice.random));
        errors = pump(alice, bob1, bob2);
        assertThat(errors).isZero();
        assertThat(bob1.received().size() + bob2.received().size()).as("shown by exactly one client").isEqualTo(1);

        bob1.apply(bob1.conv.send("from bob1", 0, bob1.random));
        bob2.apply(bob2.conv.send("from bob2", 0, bob2.random));
        errors = pump(alice, bob1, bob2);
        assertThat(errors).isZero();
        assertThat(alice.received()).containsExactlyInAnyOrder("from bob1", "from bob2");
    }
}
