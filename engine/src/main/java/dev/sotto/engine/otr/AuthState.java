package dev.sotto.engine.otr;

/**
 * The authentication state of OTR v3 "Authentication state": one small immutable class per state.
 * AUTHSTATE_V1_SETUP is not represented: version 1 is not supported.
 */
public sealed interface AuthState permits AuthNone, AwaitingDhKey, AwaitingRevealSig, AwaitingSig {}
