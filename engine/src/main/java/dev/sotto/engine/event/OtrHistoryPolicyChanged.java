package dev.sotto.engine.event;

import java.time.Instant;

/**
 * Whether the messages of private (OTR) conversations with one contact may be stored (DESIGN.md, Durable or
 * transient: the OTR layer decides after decryption; default: keep no history). Durable, so the choice survives a
 * restart (issue 10).
 *
 * @param contact     the contact's bare JID
 * @param keepHistory {@code true}: private messages are stored like plaintext ones; {@code false}: shown live only
 */
public record OtrHistoryPolicyChanged(String account, String contact, boolean keepHistory, Instant at)
        implements OtrEvent {}
