package dev.sotto.codecs;

/**
 * What every Sotto decoder returns (DESIGN.md, Decisions: Decoders): a value, never an exception, for
 * bytes an attacker controls.
 *
 * <ul>
 *   <li>{@link Ok}: a complete item and how many input bytes it used;</li>
 *   <li>{@link NeedMore}: the input ends inside an item; call again with more bytes;</li>
 *   <li>{@link Malformed}: the input breaks the protocol; {@code condition} is the protocol's own error
 *       name (an XMPP stream error condition, a SIP status reason, an OTR error) and {@code offset} the
 *       input position where the decoder noticed. It never carries the offending bytes.</li>
 * </ul>
 *
 * @param <T> the decoded item type
 */
public sealed interface DecodeResult<T> permits DecodeResult.Ok, DecodeResult.NeedMore, DecodeResult.Malformed {

    /** A complete item. */
    record Ok<T>(T value, int consumed) implements DecodeResult<T> {}

    /** More input is needed before anything can be decided. */
    record NeedMore<T>() implements DecodeResult<T> {}

    /** The input is not acceptable: the protocol's condition and where it was noticed. */
    record Malformed<T>(String condition, long offset) implements DecodeResult<T> {}

    static <T> DecodeResult<T> ok(T value, int consumed) {
        return new Ok<>(value, consumed);
    }

    static <T> DecodeResult<T> needMore() {
        return new NeedMore<>();
    }

    static <T> DecodeResult<T> malformed(String condition, long offset) {
        return new Malformed<>(condition, offset);
    }
}
