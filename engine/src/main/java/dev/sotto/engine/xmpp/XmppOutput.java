package dev.sotto.engine.xmpp;

import dev.sotto.engine.event.XmppEvent;

/** What an {@link XmppSession} asks its adapter to do (DESIGN.md, Sans-I/O contract), in order. */
public sealed interface XmppOutput {

    /** Write these bytes to the connection. */
    record Send(byte[] bytes) implements XmppOutput {
        @Override
        public String toString() {
            return "Send[" + bytes.length + " bytes]";
        }
    }

    /** Start the TLS handshake now, before any other byte is read or written (RFC 6120 §5.4.3.3). */
    record StartTls() implements XmppOutput {}

    /** Arm (or re-arm) timer {@code id} to fire at the monotonic {@code deadlineNanos}. */
    record ArmTimer(String id, long deadlineNanos) implements XmppOutput {}

    /** Cancel timer {@code id}. */
    record CancelTimer(String id) implements XmppOutput {}

    /** Report an event. */
    record Emit(XmppEvent event) implements XmppOutput {}

    /** Close the connection after the bytes before this output were written. */
    record Close() implements XmppOutput {}
}
