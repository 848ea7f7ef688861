package dev.sotto.engine.otr;

/** AUTHSTATE_NONE: no AKE in progress. */
public record AuthNone() implements AuthState {
    public static final AuthNone INSTANCE = new AuthNone();
}
