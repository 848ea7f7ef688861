package dev.sotto.codecs.sdp;

import java.util.List;

/**
 * A session description (RFC 8866 §5): session-level lines in their defined order, then the media sections.
 * Optional single lines are null when absent.
 */
public record SessionDescription(int version, Origin origin, String sessionName, String information, String uri,
                                 List<String> emails, List<String> phones, Connection connection,
                                 List<Bandwidth> bandwidths, List<Timing> timings, String zoneAdjustments,
                                 String key, List<Attribute> attributes, List<MediaDescription> media)
        implements SdpAttributes {

    public SessionDescription {
        if (version != 0 || origin == null || sessionName == null || timings.isEmpty()) {
            throw new IllegalArgumentException("v=0, o=, s= and at least one t= are required");
        }
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
        bandwidths = List.copyOf(bandwidths);
        timings = List.copyOf(timings);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /** The direction of a media section: its own attribute, else the session's, else sendrecv (RFC 8866 §6.7). */
    public MediaDirection direction(MediaDescription m) {
        return m.directionAttribute().orElse(directionAttribute().orElse(MediaDirection.SENDRECV));
    }

    /** The connection that applies to a media section: its first c=, else the session's (RFC 8866 §5.7). */
    public Connection connection(MediaDescription m) {
        return m.connections().isEmpty() ? connection : m.connections().get(0);
    }

    @Override
    public String toString() {
        return "SessionDescription[media=" + media.size() + ", attributes=" + attributes.size() + "]";
    }
}
