package dev.sotto.engine.event;

import java.time.Instant;

/**
 * The user's OTR policy for one contact (OTR v3 "Policies"), durable so that it survives a restart (issue 10).
 *
 * @param contact the contact's bare JID
 * @param policy  {@code never}, {@code manual}, {@code opportunistic} or {@code always}; {@code null} when the log
 *                holds a policy this version does not know (the record then changes nothing)
 * @param allowV2 whether OTR version 2 is allowed besides version 3
 */
public record OtrPolicyChanged(String account, String contact, String policy, boolean allowV2, Instant at)
        implements OtrEvent {}
