package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.EncodedMessage;
import java.util.List;

/** The next auth state, the messages to send, and the result when the AKE completed (else null). */
record AkeStep(AuthState next, List<EncodedMessage> send, AkeResult completed, String ignoredBecause) {

    static AkeStep to(AuthState next, EncodedMessage... send) {
        return new AkeStep(next, List.of(send), null, null);
    }

    static AkeStep ignore(AuthState same, String why) {
        return new AkeStep(same, List.of(), null, why);
    }
}
