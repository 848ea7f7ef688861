package dev.sotto.codecs.sdp;

/**
 * Every limit of the SDP parser, in one place (DESIGN.md, Decoders).
 *
 * @param maxBytes       the whole description
 * @param maxLines       lines of any type
 * @param maxMedia       m= sections
 * @param maxLineLength  one line without its end
 */
public record SdpLimits(int maxBytes, int maxLines, int maxMedia, int maxLineLength) {

    public static final SdpLimits DEFAULT = new SdpLimits(65_536, 2_048, 64, 8_192);

    public SdpLimits {
        if (maxBytes < 16 || maxLines < 4 || maxMedia < 1 || maxLineLength < 16) {
            throw new IllegalArgumentException("limits too small");
        }
    }
}
