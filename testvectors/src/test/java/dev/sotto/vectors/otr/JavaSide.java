package dev.sotto.vectors.otr;

import dev.sotto.engine.otr.OtrConfig;
import dev.sotto.engine.otr.OtrNotice;
import dev.sotto.engine.otr.OtrSession;
import dev.sotto.engine.otr.OtrStep;
import dev.sotto.engine.sansio.Output;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Sotto's side of an interop conversation: a session, its outbox and its notices. */
final class JavaSide {

    OtrSession session;
    final SecureRandom random;
    final List<String> outbox = new ArrayList<>();
    final List<OtrNotice> notices = new ArrayList<>();
    long now = 1_000_000_000L;

    JavaSide(OtrConfig config, SecureRandom random) {
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
}
