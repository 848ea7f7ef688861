package dev.sotto.engine.xmpp;

/** Availability (RFC 6121 §4.7.2.1 'show', plus available without show and unavailable). */
public enum PresenceShow {
    AVAILABLE(null), CHAT("chat"), AWAY("away"), XA("xa"), DND("dnd"), UNAVAILABLE(null);

    private final String wire;

    PresenceShow(String wire) {
        this.wire = wire;
    }

    /** The {@code <show/>} value, or {@code null} when none is sent. */
    public String wire() {
        return wire;
    }

    /** The show of an available presence with this {@code <show/>} text (RFC 6121 §4.7.2.1); unknown means available. */
    public static PresenceShow fromShow(String show) {
        if (show == null) {
            return AVAILABLE;
        }
        for (PresenceShow s : values()) {
            if (show.equals(s.wire)) {
                return s;
            }
        }
        return AVAILABLE;
    }
}
