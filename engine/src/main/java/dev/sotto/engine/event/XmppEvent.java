package dev.sotto.engine.event;

import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PresenceShow;
import dev.sotto.engine.xmpp.RosterItem;
import java.util.List;

/**
 * What the XMPP layer reports (DESIGN.md, Events; Durable or transient). Records that also implement
 * {@link DurableEvent} are appended to the encrypted log before they are published; the others (connection up
 * and down, TLS, contacts' presence, roster snapshots as the server sent them) live on the bus only: a stored
 * timeline of who was online when is a forensic gift. {@code toString()} never prints message text.
 */
public sealed interface XmppEvent {

    /** The account (bare JID) this event belongs to. */
    Jid account();

    /** TLS is up (RFC 6120 §5.4.3.3); {@code protocol} is e.g. {@code TLSv1.3}. */
    record TlsEstablished(Jid account, String protocol, String certificateSha256) implements XmppEvent {}

    /**
     * The server's certificate is not trusted (chain, host name or pin): the connection stopped before anything
     * else was sent. The user may pin {@code sha256} (colon-separated upper-case hex).
     */
    record CertificateUntrusted(Jid account, String sha256, String reason) implements XmppEvent {}

    /**
     * The user accepted the certificate {@code sha256} "once" (issue 10; DESIGN.md, Reconnects and downgrades): it is
     * trusted for this running engine only, an event and not a pin, so it is never stored and is forgotten when the
     * engine closes.
     */
    record CertificateAcceptedOnce(Jid account, String sha256) implements XmppEvent {}

    /** SASL failed (RFC 6120 §6.5); {@code condition} is the server's, or ours when the server misbehaved. */
    record AuthenticationFailed(Jid account, String condition, boolean fromServer) implements XmppEvent {}

    /** Bound and ready (RFC 6120 §7.6.1). */
    record Connected(Jid account, Jid boundJid) implements XmppEvent {}

    /**
     * The session ended. {@code reason} says why: a stream error condition, {@code tls-required},
     * {@code connection-lost}, {@code closed-by-server}, {@code closed-by-user}, ... {@code retry} says whether a
     * reconnect makes sense (not after an authentication failure or an untrusted certificate).
     */
    record Disconnected(Jid account, String reason, boolean retry) implements XmppEvent {}

    /** A stream error from the server (RFC 6120 §4.9); {@code seeOtherHost} is set for see-other-host. */
    record StreamErrorReceived(Jid account, String condition, String seeOtherHost) implements XmppEvent {}

    /** We ended the stream with a stream error (RFC 6120 §4.9.1.1) because of the server's input. */
    record StreamErrorSent(Jid account, String condition) implements XmppEvent {}

    /** The roster (RFC 6121 §2.2) as the server sent it. */
    record RosterReceived(Jid account, List<RosterItem> items) implements XmppEvent {
        public RosterReceived {
            items = List.copyOf(items);
        }
    }

    /** A roster push (RFC 6121 §2.1.6): added, changed, or removed when the subscription is {@code remove}. */
    record RosterPushed(Jid account, RosterItem item) implements XmppEvent {}

    /** A contact's presence (RFC 6121 §4). */
    record PresenceReceived(Jid account, Jid from, PresenceShow show, String status, int priority)
            implements XmppEvent {
        @Override
        public String toString() {
            return "PresenceReceived[" + account + ", from=" + from + ", " + show + ", priority=" + priority + "]";
        }
    }

    /**
     * A subscription stanza from a contact (RFC 6121 §3): {@code subscribe} (a request), {@code subscribed},
     * {@code unsubscribe}, {@code unsubscribed}.
     */
    record SubscriptionReceived(Jid account, Jid from, String type) implements XmppEvent {}

    /**
     * A message with a body (RFC 6121 §5). Durable, in the conversation's stream; the facade stores it unless a
     * private-messaging layer (OTR) consumes it first: raw {@code ?OTR} bodies are never stored. The fields after
     * {@code body} describe how it travelled (issue 6) and are not part of the stored record.
     *
     * @param to the addressee as the stanza named it ({@code null} when absent)
     * @param delayedStamp the XEP-0203 {@code stamp} when the server stored the message (offline storage), else
     *     {@code null}
     * @param carbon {@code "received"} or {@code "sent"} for a XEP-0280 carbon copy from our own account (the
     *     forwarded message is this event), else {@code null}
     * @param hints local names of the XEP-0334 hints and the carbons {@code private} element the stanza carried
     */
    record MessageReceived(Jid account, Jid from, String id, String thread, String type, String body, Jid to,
            String delayedStamp, String carbon, List<String> hints) implements XmppEvent, DurableEvent {
        public MessageReceived {
            hints = hints == null ? List.of() : List.copyOf(hints);
        }

        /** A plain message: not delayed, not a carbon, no hints. */
        public MessageReceived(Jid account, Jid from, String id, String thread, String type, String body) {
            this(account, from, id, thread, type, body, null, null, null, List.of());
        }

        /** Whether the server held the message for us (XEP-0203) or it is a carbon copy (XEP-0280). */
        public boolean delayedOrCarbon() {
            return delayedStamp != null || carbon != null;
        }

        @Override
        public String toString() {
            return "MessageReceived[" + account + ", from=" + from + ", id=" + id + ", " + body.length() + " chars"
                    + (delayedStamp != null ? ", delayed" : "") + (carbon != null ? ", carbon " + carbon : "") + "]";
        }
    }

    /**
     * The user sent a message: stored as queued before its bytes are sent (DESIGN.md, The log), so a crash never
     * loses it silently. Durable, in the conversation's stream.
     */
    record MessageSent(Jid account, Jid to, String id, String thread, String body) implements XmppEvent, DurableEvent {
        @Override
        public String toString() {
            return "MessageSent[" + account + ", to=" + to + ", id=" + id + ", " + body.length() + " chars]";
        }
    }

    /** A message's bytes were handed to the connection (transient: {@link MessageSent} is the durable record). */
    record MessageTransmitted(Jid account, Jid to, String id) implements XmppEvent {}

    /**
     * A message could not be delivered: an error reply (RFC 6120 §8.3), no connection until the queue timed out,
     * or a character XML cannot carry. Durable, in the conversation's stream.
     */
    record MessageFailed(Jid account, Jid to, String id, String condition) implements XmppEvent, DurableEvent {}

    /**
     * A roster item as the account now has it (RFC 6121 §2.1.2), from a roster result or push that changed
     * what the log knew; subscription {@code remove} means it is gone. Durable, in the account's stream.
     */
    record RosterItemChanged(Jid account, RosterItem item) implements XmppEvent, DurableEvent {}

    /**
     * A contact asked to see our presence (RFC 6121 §3.1.2) and waits for an answer. Durable, in the account's
     * stream, so the request survives a restart until answered.
     */
    record SubscriptionRequested(Jid account, Jid from) implements XmppEvent, DurableEvent {}

    /** The user approved (RFC 6121 §3.1.4) or denied (§3.1.5) a subscription request. Durable, account stream. */
    record SubscriptionAnswered(Jid account, Jid contact, boolean approved) implements XmppEvent, DurableEvent {}
}
