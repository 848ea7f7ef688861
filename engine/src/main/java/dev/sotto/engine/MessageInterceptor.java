package dev.sotto.engine;

import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;

/**
 * The seam where a private-messaging layer (OTR) plugs into the facade (DESIGN.md, Durable or transient: messages
 * are stored by the layer that knows what they are). Both methods run on the account's event loop and must not
 * block. An interceptor that takes a message does its own storing and publishing through
 * {@link SottoEngine#record}, {@link SottoEngine#publish} and {@link SottoEngine#transmit}.
 */
public interface MessageInterceptor {

    /** Lets every message through: the facade stores and sends plaintext. */
    MessageInterceptor NONE = new MessageInterceptor() {
        @Override
        public boolean onSend(Jid account, Jid to, String id, String body) {
            return false;
        }

        @Override
        public boolean onReceived(XmppEvent.MessageReceived message) {
            return false;
        }
    };

    /**
     * The user sends {@code body}; return {@code true} when the layer takes it (nothing is stored or sent by the
     * facade), {@code false} to let the facade store it as {@code MessageSent} and send it in plaintext.
     */
    boolean onSend(Jid account, Jid to, String id, String body);

    /**
     * A message arrived (already de-duplicated); return {@code true} when the layer takes it, {@code false} to let
     * the facade store and publish it (a raw {@code ?OTR} body is then published but never stored).
     */
    boolean onReceived(XmppEvent.MessageReceived message);
}
