package dev.sotto.engine.xmpp.sasl;

/** What a SCRAM client does next after a server message (RFC 5802 §5). */
public sealed interface ScramStep permits ScramStep.Respond, ScramStep.Compute, ScramStep.Verified, ScramStep.Failed {

    /**
     * Run {@code job} off the event loop (it is Hi(), PBKDF2 over thousands of HMACs: RFC 5802 §2.2) and hand its
     * result to {@link ScramClient#completeServerFirst} (DESIGN.md, Sans-I/O contract: Compute).
     */
    record Compute(dev.sotto.engine.sansio.ComputeJob job) implements ScramStep {}

    /** Send this client message (UTF-8, before base64 by the SASL profile). */
    record Respond(String message) implements ScramStep {
        @Override
        public String toString() {
            return "Respond[" + message.length() + " chars]";
        }
    }

    /** The server proved it knows the password: its ServerSignature matched (RFC 5802 §3). */
    record Verified() implements ScramStep {}

    /** The exchange is over without success; {@code reason} names what went wrong, never a secret. */
    record Failed(String reason) implements ScramStep {}
}
