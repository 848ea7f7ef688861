package dev.sotto.engine.otr;

import dev.sotto.engine.xmpp.Jid;
import java.time.Instant;

/**
 * Transient events of the account-level OTR layer for the bus (DESIGN.md, Durable or transient). Durable facts
 * (keys, fingerprints, trust, instance tag) are emitted as {@code dev.sotto.engine.event.OtrEvent}s instead. A
 * {@link ChatMessage} says whether it may be stored: the OTR layer decides after decryption. No {@code toString()}
 * prints message text.
 */
public sealed interface OtrAccountEvent {

    /** Our account (bare JID). */
    Jid account();

    /**
     * A message for the user's view, received or sent.
     *
     * @param contact   the contact's bare JID
     * @param peer      the contact's full JID when known (the resource it came from or went to)
     * @param localId   our id for an outgoing message; the stanza id of a received one
     * @param outgoing  whether we sent it (also: a carbon of what our other client sent)
     * @param encrypted whether it travelled inside OTR
     * @param store     whether it may become durable history: plaintext yes; private only if the contact's
     *                  history policy says so; raw {@code ?OTR} text never
     * @param warning   it arrived unencrypted while OTR was expected (OTR v3 "unencrypted message" warning)
     * @param carbon    a carbon copy (XEP-0280) of a conversation our other client had
     */
    record ChatMessage(Jid account, Jid contact, Jid peer, String localId, boolean outgoing, String text,
            boolean encrypted, boolean store, boolean warning, boolean carbon, Instant at) implements OtrAccountEvent {
        @Override
        public String toString() {
            return "ChatMessage[" + account + ", contact=" + contact + ", outgoing=" + outgoing + ", encrypted="
                    + encrypted + ", store=" + store + ", " + text.length() + " chars]";
        }
    }

    /** A notice of one of the contact's OTR sessions (state change, SMP progress, problems). */
    record Notice(Jid account, Jid contact, Jid peer, OtrNotice notice) implements OtrAccountEvent {}

    /**
     * An outgoing message waits for a private session (the contact has been private, or the policy requires it):
     * never sent in clear; it is sent when a private session exists or fails with {@link SendFailed}.
     */
    record SendHeld(Jid account, Jid contact, String localId, String reason) implements OtrAccountEvent {}

    /** An outgoing message was not sent (no private session in time, OTR disabled after being private). */
    record SendFailed(Jid account, Jid contact, String localId, String reason) implements OtrAccountEvent {}

    /** Our long-term key is ready (loaded from the log or freshly generated). */
    record KeyReady(Jid account, String fingerprint, boolean generated) implements OtrAccountEvent {}

    /** The contact's policy changed (OTR v3 "Policies"; console {@code otr policy}). */
    record PolicyChanged(Jid account, Jid contact, String policy, boolean allowV2) implements OtrAccountEvent {}
}
