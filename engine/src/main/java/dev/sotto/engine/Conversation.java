package dev.sotto.engine;

import dev.sotto.engine.xmpp.Jid;

/** A conversation: an account and a contact's bare JID (the key of its history and of its log stream). */
public record Conversation(Jid account, Jid contact) {
    public Conversation {
        account = account.bare();
        contact = contact.bare();
    }

    // Spelled out, as the record's own would be (the components in order, 31 * h + hash): the generated ones run
    // through method handles, slow in a fresh JVM's interpreter and costly to compile, and a replay hashes this once
    // per record (issue 10's start-up).
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Conversation c && account.equals(c.account) && contact.equals(c.contact);
    }

    @Override
    public int hashCode() {
        return 31 * account.hashCode() + contact.hashCode();
    }
}
