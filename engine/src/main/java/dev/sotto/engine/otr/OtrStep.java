package dev.sotto.engine.otr;

import dev.sotto.engine.sansio.Outputs;

/** The session after one input, and what to do (send, notify). */
public record OtrStep(OtrSession session, Outputs outputs) {}
