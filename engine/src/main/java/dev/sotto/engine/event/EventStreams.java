package dev.sotto.engine.event;

import dev.sotto.engine.xmpp.Jid;
import dev.sotto.persistence.log.StreamId;

/**
 * Which log stream a durable event goes to (DESIGN.md, Events): one per account, one per (account, bare contact
 * JID). A conversation's stream has its own key, so forgetting it shreds the messages and nothing else.
 */
public final class EventStreams {

    private EventStreams() {}

    /** The account's stream: configuration, pins, roster, subscription requests, OTR keys and trust. */
    public static StreamId account(Jid account) {
        return StreamId.of("account:" + account.bare());
    }

    /**
     * The stream of the conversation between {@code account} and the bare JID of {@code contact}. It holds message
     * events only ({@link #of}: {@code MessageSent}, {@code MessageReceived}, {@code MessageFailed}), and the
     * desktop's start-up relies on that: the open walk leaves these streams' records sealed and the engine files them
     * into the conversation's history unread ({@code EngineReplay.defers}). An event that must be folded into the
     * state at start-up does not belong here.
     */
    public static StreamId conversation(Jid account, Jid contact) {
        return StreamId.of("conversation:" + account.bare() + " " + contact.bare());
    }

    /**
     * The installation's ZRTP stream: the ZID and the retained secrets per peer ZID (RFC 6189 §4.9: one ZID per
     * installation, shared by every account, so key continuity does not belong to any one account's stream).
     */
    public static StreamId zrtp() {
        return StreamId.of("zrtp");
    }

    /** The stream {@code event} belongs to. */
    public static StreamId of(DurableEvent event) {
        if (event instanceof AccountEvent a) {
            return account(a.account());
        }
        if (event instanceof XmppEvent.MessageSent m) {
            return conversation(m.account(), m.to());
        }
        if (event instanceof XmppEvent.MessageReceived m) {
            return conversation(m.account(), m.from());
        }
        if (event instanceof XmppEvent.MessageFailed m) {
            return conversation(m.account(), m.to());
        }
        if (event instanceof XmppEvent x) {
            return account(x.account());
        }
        if (event instanceof OtrEvent o) {
            Jid jid = Jid.parse(o.account());
            return account(jid == null ? new Jid(null, o.account().isEmpty() ? "invalid" : o.account(), null) : jid);
        }
        if (event instanceof ZrtpEvent) {
            return zrtp();
        }
        throw new IllegalArgumentException("no stream for " + event.getClass().getSimpleName());
    }
}
