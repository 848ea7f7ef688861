package dev.sotto.engine.xmpp.sasl;

/** What a SCRAM client does next after a server message (RFC 5802 §5). */
public sealed interface ScramStep permits ScramStep.Respond, ScramStep.Verified, ScramStep.Failed {

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
