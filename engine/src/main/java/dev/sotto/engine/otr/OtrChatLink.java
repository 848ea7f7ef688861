package dev.sotto.engine.otr;

import dev.sotto.engine.xmpp.Jid;

/**
 * The seam between the account-level OTR layer and the chat transport (today {@code XmppClient}, later the engine
 * facade's account): sends one message body.
 */
@FunctionalInterface
public interface OtrChatLink {

    /**
     * Sends {@code body} to {@code to}; {@code otr} asks for the XEP-0364 hints (no-copy, no-permanent-store,
     * carbons private). Returns the transport's message id.
     */
    String send(Jid to, String body, boolean otr);
}
