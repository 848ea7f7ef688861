package dev.sotto.codecs.sdp;

import java.util.List;

/**
 * One m= section (RFC 8866 §5.14) with its i=, c=, b=, k= and a= lines.
 *
 * @param portCount the "/number of ports" of m=, or -1 when absent
 * @param key       the k= line (obsolete, RFC 8866 §5.12), or null
 */
public record MediaDescription(String media, int port, int portCount, String proto, List<String> formats,
                               String information, List<Connection> connections, List<Bandwidth> bandwidths,
                               String key, List<Attribute> attributes) implements SdpAttributes {

    public MediaDescription {
        if (!Sdp.isToken(media) || port < 0 || port > 65535 || proto == null || proto.isEmpty() || formats.isEmpty()) {
            throw new IllegalArgumentException("bad media description");
        }
        formats = List.copyOf(formats);
        connections = List.copyOf(connections);
        bandwidths = List.copyOf(bandwidths);
        attributes = List.copyOf(attributes);
    }

    /** A media section with just its m= line and attributes. */
    public static MediaDescription of(String media, int port, String proto, List<String> formats,
                                      List<Attribute> attributes) {
        return new MediaDescription(media, port, -1, proto, formats, null, List.of(), List.of(), null, attributes);
    }

    @Override
    public String toString() {
        return "MediaDescription[" + media + " " + port + " " + proto + " " + formats + ", attributes="
                + attributes.size() + "]";
    }
}
