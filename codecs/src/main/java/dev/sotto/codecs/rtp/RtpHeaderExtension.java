package dev.sotto.codecs.rtp;

import java.util.List;

/**
 * The RTP header extension (RFC 3550 §5.3.1): the 16-bit profile field, the extension length in octets,
 * and, for the RFC 8285 forms, its elements.
 *
 * @param profile "defined by profile": 0xBEDE for the one-byte form, 0x100X for the two-byte form
 * @param length extension data length in octets (a multiple of 4)
 * @param elements decoded elements of the one- or two-byte form, empty for other profiles
 */
public record RtpHeaderExtension(int profile, int length, List<HeaderExtensionElement> elements) {

    /** RFC 8285 §4.2. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** RFC 8285 §4.3: 0x100 in the upper 12 bits, appbits in the lower 4. */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    public RtpHeaderExtension {
        elements = List.copyOf(elements);
    }

    public boolean isOneByte() {
        return profile == ONE_BYTE_PROFILE;
    }

    public boolean isTwoByte() {
        return (profile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    /** The two-byte form's application bits (RFC 8285 §4.3). */
    public int appBits() {
        return profile & 0x000F;
    }
}
