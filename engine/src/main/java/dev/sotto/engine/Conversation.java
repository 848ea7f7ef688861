package dev.sotto.engine;

import dev.sotto.engine.xmpp.Jid;

/** A conversation: an account and a contact's bare JID (the key of its history and of its log stream). */
public record Conversation(Jid account, Jid contact) {
    public Conversation {
        account = account.bare();
        contact = contact.bare();
    }
}
