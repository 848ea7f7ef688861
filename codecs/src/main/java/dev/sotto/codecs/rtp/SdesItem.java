package dev.sotto.codecs.rtp;

/**
 * One SDES item (RFC 3550 §6.5): type 1 CNAME ... 8 PRIV, and its UTF-8 text.
 *
 * @param type the item type, 1-255
 * @param value the text, decoded as UTF-8 (malformed sequences replaced)
 */
public record SdesItem(int type, String value) {

    public static final int CNAME = 1;
}
