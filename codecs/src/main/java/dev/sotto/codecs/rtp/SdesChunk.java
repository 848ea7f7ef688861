package dev.sotto.codecs.rtp;

import java.util.List;

/** One SDES chunk: a source and its items (RFC 3550 §6.5). */
public record SdesChunk(long ssrc, List<SdesItem> items) {

    public SdesChunk {
        items = List.copyOf(items);
    }
}
