package dev.sotto.codecs.sip;

/** Collects the tolerated violations met while parsing one message (one instance per parse, never shared). */
final class ParseContext {

    private int violations;

    void flag(SipViolation v) {
        violations |= 1 << v.ordinal();
    }

    int violations() {
        return violations;
    }
}
