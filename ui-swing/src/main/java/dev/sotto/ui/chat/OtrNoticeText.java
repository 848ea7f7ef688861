package dev.sotto.ui.chat;

import dev.sotto.engine.otr.OtrAccountEvent;
import dev.sotto.engine.otr.OtrNotice;

/**
 * The in-line notices of the conversation for OTR events (issue 10): what happened, in words a user understands.
 * Informational protocol chatter (AKE progress, messages dropped on purpose) is not shown.
 */
final class OtrNoticeText {

    /** The longest part of a contact's OTR error text shown: it is the contact's free text. */
    private static final int MAX_ERROR_TEXT = 200;

    private OtrNoticeText() {}

    /** The notice for {@code event}, or null when it shows nothing. */
    static String of(Object event, String contact) {
        if (event instanceof OtrAccountEvent.Notice n) {
            return of(n.notice(), contact);
        }
        if (event instanceof OtrAccountEvent.SendHeld) {
            return "Your message waits for a private conversation with " + contact + "; it is not sent in clear unless you confirm it.";
        }
        if (event instanceof OtrAccountEvent.SendFailed f) {
            return "A message was not sent: " + f.reason() + ".";
        }
        return null;
    }

    private static String of(OtrNotice n, String contact) {
        if (n instanceof OtrNotice.WentPrivate p) {
            return "Private conversation started (OTR version " + p.version() + ").";
        }
        if (n instanceof OtrNotice.PeerEnded) {
            return contact + " ended the private conversation. What you type now is not sent until you end it "
                    + "or start a new private conversation.";
        }
        if (n instanceof OtrNotice.WentPlaintext) {
            return "Private conversation ended: messages are no longer encrypted.";
        }
        if (n instanceof OtrNotice.UnreadableMessage u) {
            return "An encrypted message from " + contact + " could not be read (" + u.condition() + ").";
        }
        if (n instanceof OtrNotice.ErrorReceived e) {
            String details = e.details().strip();
            if (details.length() > MAX_ERROR_TEXT) {
                details = details.substring(0, MAX_ERROR_TEXT) + "\u2026";
            }
            return "OTR error reported by " + contact + ": " + details;
        }
        if (n instanceof OtrNotice.SendHeld h) {
            return "A message was held: " + h.reason() + ".";
        }
        if (n instanceof OtrNotice.SmpRequested r) {
            return contact + " asks to authenticate" + (r.question() == null ? " with a shared secret." : " with a question.");
        }
        if (n instanceof OtrNotice.SmpResult r) {
            return r.success() ? "Authentication succeeded: " + contact + " is verified."
                    : "Authentication failed: the answers did not match. The conversation is still private but "
                            + "not verified.";
        }
        if (n instanceof OtrNotice.SmpAborted a) {
            return "Authentication aborted" + (a.local() ? " by you." : " by " + contact + ".");
        }
        if (n instanceof OtrNotice.SmpCheated c) {
            return "Authentication failed: a message of " + contact + " failed a check of the protocol ("
                    + c.check() + ").";
        }
        return null;
    }
}
