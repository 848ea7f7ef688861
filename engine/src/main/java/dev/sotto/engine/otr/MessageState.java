package dev.sotto.engine.otr;

/** OTR v3 "Message state": one small immutable class per state. */
public sealed interface MessageState permits PlaintextState, EncryptedState, FinishedState {}
