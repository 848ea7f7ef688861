package dev.sotto.codecs.otr;

import java.util.Set;

/**
 * What a received chat message is to OTR (OTR v3 "Unencoded messages", "Encoded messages",
 * "Fragmentation"): a query, an error, plaintext (maybe whitespace-tagged), an encoded message or a
 * fragment.
 */
public sealed interface OtrText {

    /** "?OTR?" / "?OTRv23?": the versions offered (1 is never acted on). */
    record QueryMessage(Set<Integer> versions) implements OtrText {
        public QueryMessage {
            versions = Set.copyOf(versions);
        }
    }

    /** "?OTR Error:" followed by human-readable details. */
    record ErrorMessage(String details) implements OtrText {
        @Override
        public String toString() {
            return "ErrorMessage[length=" + details.length() + "]";
        }
    }

    /**
     * A plaintext message with any whitespace tag removed; {@code taggedVersions} lists the known
     * versions (2, 3; 1 as well) the tag offered.
     */
    record Plaintext(String text, boolean tagged, Set<Integer> taggedVersions) implements OtrText {
        public Plaintext {
            taggedVersions = Set.copyOf(taggedVersions);
        }

        @Override
        public String toString() {
            return "Plaintext[length=" + text.length() + ", tagged=" + tagged + ", taggedVersions=" + taggedVersions
                    + "]";
        }
    }

    /** "?OTR:" base-64 ".": a binary message. */
    record Encoded(EncodedMessage message) implements OtrText {}

    /** "?OTR|s|r,k,n,piece," (v3) or "?OTR,k,n,piece," (v2; tags 0). */
    record Fragment(int version, int senderInstance, int receiverInstance, int k, int n, String piece)
            implements OtrText {}
}
