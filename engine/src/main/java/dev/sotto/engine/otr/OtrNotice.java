package dev.sotto.engine.otr;

import dev.sotto.engine.crypto.Secret;

/**
 * Transient notices of an OTR session for the user and the engine facade (DESIGN.md: transient, live bus
 * only). Durable facts (fingerprints seen, trust) become {@code dev.sotto.engine.event.OtrEvent}s in the
 * facade. No {@code toString()} here prints message text.
 */
public sealed interface OtrNotice {

    /** A message for the user; {@code encrypted} says whether it arrived inside OTR. */
    record MessageReceived(String text, boolean encrypted, boolean unencryptedWarning) implements OtrNotice {
        @Override
        public String toString() {
            return "MessageReceived[length=" + text.length() + ", encrypted=" + encrypted + ", warning="
                    + unencryptedWarning + "]";
        }
    }

    /** MSGSTATE_ENCRYPTED entered (or re-keyed). */
    record WentPrivate(int version, int theirInstance, Fingerprint theirFingerprint, String ssid,
            boolean weSentRevealSignature) implements OtrNotice {}

    /** The correspondent ended the private conversation: MSGSTATE_FINISHED. */
    record PeerEnded() implements OtrNotice {}

    /** We ended the private conversation: MSGSTATE_PLAINTEXT. */
    record WentPlaintext() implements OtrNotice {}

    /** A message could not be sent (MSGSTATE_FINISHED, or waiting for encryption); it is stored. */
    record SendHeld(String reason) implements OtrNotice {}

    /** "an unreadable encrypted message was received". */
    record UnreadableMessage(String condition) implements OtrNotice {}

    /** An OTR Error Message from the correspondent. */
    record ErrorReceived(String details) implements OtrNotice {
        @Override
        public String toString() {
            return "ErrorReceived[length=" + details.length() + "]";
        }
    }

    /** A message was dropped without a reply (wrong instance, AKE message out of place, bad fragment). */
    record Ignored(String condition) implements OtrNotice {}

    /** AKE progress (informational). */
    record AkeProgress(String state) implements OtrNotice {}

    /** The correspondent started SMP; answer with the shared secret. */
    record SmpRequested(String question) implements OtrNotice {
        @Override
        public String toString() {
            return "SmpRequested[question=" + (question != null) + "]";
        }
    }

    /** SMP finished: {@code success} when both secrets matched. */
    record SmpResult(boolean success) implements OtrNotice {}

    /** SMP aborted, by us ({@code local}) or by the correspondent. */
    record SmpAborted(boolean local) implements OtrNotice {}

    /** A check of the spec failed on a received SMP message: the other side cheated or is broken. */
    record SmpCheated(String check) implements OtrNotice {}

    /** Type 8 TLV: the extra symmetric key for {@code use}. */
    record ExtraSymmetricKey(int use, byte[] useData, Secret key, boolean received) implements OtrNotice {
        @Override
        public String toString() {
            return "ExtraSymmetricKey[use=" + use + ", received=" + received + "]";
        }
    }
}
