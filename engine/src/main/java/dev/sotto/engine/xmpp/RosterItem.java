package dev.sotto.engine.xmpp;

import java.util.List;

/**
 * One roster item (RFC 6121 §2.1.2).
 *
 * @param jid the contact's bare JID
 * @param name the handle, or {@code null}
 * @param subscription none, to, from, both or remove (RFC 6121 §2.1.2.5)
 * @param askSubscribe whether our subscription request is pending (RFC 6121 §2.1.2.2)
 * @param groups the groups
 */
public record RosterItem(Jid jid, String name, String subscription, boolean askSubscribe, List<String> groups) {
    public RosterItem {
        groups = List.copyOf(groups);
    }
}
