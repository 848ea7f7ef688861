package dev.sotto.engine.otr;

import dev.sotto.engine.sansio.Output;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** One side of an in-process conversation for tests: the session, its outbox and its notices. */
final class Party {

    OtrSession session;
    final SecureRandom random;
    final List<String> outbox = new ArrayList<>();
    final List<OtrNotice> notices = new ArrayList<>();
    long now = 1_000_000_000L;

    Party(OtrConfig config, SecureRandom random) {
        this.session = OtrSession.create(config);
        this.random = random;
    }

    void apply(OtrStep step) {
        session = step.session();
        for (Output o : step.outputs().list()) {
            if (o instanceof Output.Send s) {
                outbox.add(new String(s.bytes(), StandardCharsets.UTF_8));
            } else if (o instanceof Output.Emit e) {
                notices.add((OtrNotice) e.event());
            }
        }
    }

    void receive(String text) {
        apply(session.receive(text, now, random));
    }

    void send(String text) {
        apply(session.send(text, now, random));
    }

    List<String> drain() {
        List<String> l = new ArrayList<>(outbox);
        outbox.clear();
        return l;
    }

    <T extends OtrNotice> List<T> notices(Class<T> type) {
        return notices.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> received() {
        return notices(OtrNotice.MessageReceived.class).stream().map(OtrNotice.MessageReceived::text).toList();
    }

    /** Delivers everything each side has to send until both are quiet. */
    static void pump(Party a, Party b) {
        for (int i = 0; i < 100; i++) {
            List<String> fromA = a.drain();
            List<String> fromB = b.drain();
            if (fromA.isEmpty() && fromB.isEmpty()) {
                return;
            }
            fromA.forEach(b::receive);
            fromB.forEach(a::receive);
        }
        throw new AssertionError("conversation did not settle");
    }
}
