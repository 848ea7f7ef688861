package dev.sotto.ui.main;

/** An account's connection as the user sees it; transient (DESIGN.md: connection up and down is never stored). */
public enum ConnectionState {
    OFFLINE("Offline"),
    CONNECTING("Connecting\u2026"),
    ONLINE("Online"),
    RECONNECTING("Reconnecting\u2026"),
    FAILED("Failed");

    private final String label;

    ConnectionState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
