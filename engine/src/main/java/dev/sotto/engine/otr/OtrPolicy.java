package dev.sotto.engine.otr;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * OTR v3 "Policies" (version 1 is not supported). Default: v3, opportunistic.
 */
public record OtrPolicy(boolean allowV2, boolean allowV3, boolean requireEncryption, boolean sendWhitespaceTag,
        boolean whitespaceStartAke, boolean errorStartAke) {

    public static final OtrPolicy NEVER = new OtrPolicy(false, false, false, false, false, false);
    public static final OtrPolicy MANUAL = new OtrPolicy(false, true, false, false, false, false);
    public static final OtrPolicy OPPORTUNISTIC = new OtrPolicy(false, true, false, true, true, true);
    public static final OtrPolicy ALWAYS = new OtrPolicy(false, true, true, true, true, true);
    public static final OtrPolicy DEFAULT = OPPORTUNISTIC;

    /** The console's policy names: never, manual, opportunistic, always. */
    public static OtrPolicy named(String name, boolean allowV2) {
        OtrPolicy p = switch (name) {
            case "never" -> NEVER;
            case "manual" -> MANUAL;
            case "opportunistic" -> OPPORTUNISTIC;
            case "always" -> ALWAYS;
            default -> throw new IllegalArgumentException("unknown OTR policy");
        };
        return p.allowV3() ? p.withV2(allowV2) : p;
    }

    public OtrPolicy withV2(boolean v2) {
        return new OtrPolicy(v2, allowV3, requireEncryption, sendWhitespaceTag, whitespaceStartAke, errorStartAke);
    }

    public boolean enabled() {
        return allowV2 || allowV3;
    }

    public Set<Integer> versions() {
        Set<Integer> v = new LinkedHashSet<>();
        if (allowV2) {
            v.add(2);
        }
        if (allowV3) {
            v.add(3);
        }
        return v;
    }

    public boolean allows(int version) {
        return (version == 2 && allowV2) || (version == 3 && allowV3);
    }
}
