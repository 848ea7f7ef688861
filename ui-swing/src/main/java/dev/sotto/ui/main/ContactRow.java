package dev.sotto.ui.main;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.xmpp.PresenceShow;
import java.util.Map;

/**
 * One contact of one account, with its presence per resource (RFC 6121 §4: a contact may be online from
 * several clients) and the number of messages not yet read. {@code toString()} prints no status text.
 *
 * @param name       the roster name, or {@code null}
 * @param inRoster   whether the contact is in the account's roster (a stranger who wrote is shown too)
 * @param resources  available resources: resource to presence
 */
public record ContactRow(Conversation conversation, String name, boolean inRoster, Map<String, Presence> resources,
        int unread) {

    /** One resource's presence. */
    public record Presence(PresenceShow show, String status, int priority) {
        @Override
        public String toString() {
            return "Presence[" + show + ", priority=" + priority + "]";
        }
    }

    public ContactRow {
        resources = Map.copyOf(resources);
    }

    /** The presence of the highest-priority resource (RFC 6121 §4.7.2.3), or unavailable. */
    public Presence best() {
        Presence best = null;
        for (Presence p : resources.values()) {
            if (best == null || p.priority() > best.priority()
                    || (p.priority() == best.priority() && rank(p.show()) < rank(best.show()))) {
                best = p;
            }
        }
        return best != null ? best : new Presence(PresenceShow.UNAVAILABLE, "", 0);
    }

    private static int rank(PresenceShow show) {
        return switch (show) {
            case CHAT -> 0;
            case AVAILABLE -> 1;
            case AWAY -> 2;
            case DND -> 3;
            case XA -> 4;
            case UNAVAILABLE -> 5;
        };
    }

    public String displayName() {
        return name != null && !name.isBlank() ? name : conversation.contact().toString();
    }

    ContactRow withResources(Map<String, Presence> r) {
        return new ContactRow(conversation, name, inRoster, r, unread);
    }

    ContactRow withUnread(int n) {
        return new ContactRow(conversation, name, inRoster, resources, n);
    }

    @Override
    public String toString() {
        return "ContactRow[" + resources.size() + " resources, unread=" + unread + "]";
    }
}
