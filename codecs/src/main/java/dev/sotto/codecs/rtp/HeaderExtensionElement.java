package dev.sotto.codecs.rtp;

import java.util.HexFormat;

/**
 * One RFC 8285 header extension element: its local identifier and data.
 *
 * @param id 1-14 in the one-byte form (RFC 8285 §4.2), 1-255 in the two-byte form (§4.3)
 * @param data the element's data octets
 */
public record HeaderExtensionElement(int id, byte[] data) {

    public HeaderExtensionElement {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderExtensionElement e && e.id == id && java.util.Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * id + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HeaderExtensionElement[id=" + id + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
