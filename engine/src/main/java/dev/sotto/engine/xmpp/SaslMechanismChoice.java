package dev.sotto.engine.xmpp;

import dev.sotto.engine.xmpp.sasl.ScramAlgorithm;
import java.util.List;

/**
 * Picks the SASL mechanism (RFC 6120 §6.3.3): the strongest both sides support. The -PLUS variants need channel
 * binding data JSSE does not expose (DESIGN.md, "SCRAM -PLUS"), so they are not chosen yet. PLAIN only inside TLS
 * (RFC 6120 §13.8, DESIGN.md).
 */
final class SaslMechanismChoice {
    private static final List<String> PREFERENCE = List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");

    private SaslMechanismChoice() {}

    /** The mechanism to use, or {@code null} when none is acceptable. */
    static String choose(List<String> offered, boolean tlsActive) {
        for (String m : PREFERENCE) {
            if (offered.contains(m) && (tlsActive || !m.equals("PLAIN"))) {
                return m;
            }
        }
        return null;
    }

    static ScramAlgorithm scramAlgorithm(String mechanism) {
        return mechanism.equals("SCRAM-SHA-256") ? ScramAlgorithm.SHA_256 : ScramAlgorithm.SHA_1;
    }
}
