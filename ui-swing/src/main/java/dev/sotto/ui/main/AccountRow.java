package dev.sotto.ui.main;

import dev.sotto.engine.xmpp.Jid;

/**
 * One account in the accounts list.
 *
 * @param detail why it failed or went offline (a condition such as {@code not-authorized}), or empty
 */
public record AccountRow(Jid account, ConnectionState state, String detail) {

    /** What the list shows. */
    public String label() {
        return account + " \u2014 " + state.label() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
