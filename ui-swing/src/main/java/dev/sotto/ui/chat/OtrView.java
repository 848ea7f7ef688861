package dev.sotto.ui.chat;

import dev.sotto.engine.event.OtrTrust;
import dev.sotto.engine.otr.EncryptedState;
import dev.sotto.engine.otr.FinishedState;
import dev.sotto.engine.otr.MessageState;
import dev.sotto.engine.otr.OtrConversation;
import dev.sotto.engine.otr.OtrMessaging;
import dev.sotto.engine.xmpp.Jid;

/**
 * What the chat window shows of one contact's OTR state: a snapshot read on the account's event loop (the OTR layer
 * is confined to it) and handed to the event dispatch thread.
 *
 * @param status          the toolbar's state
 * @param theirFingerprint the contact's fingerprint in the current private session (five groups of eight upper-case
 *                        hex digits), or null
 * @param trust           the trust in that fingerprint, or null
 * @param ourFingerprint  our own fingerprint, or null while the key is being generated
 * @param keepHistory     whether private messages with this contact are stored
 */
public record OtrView(OtrStatus status, String theirFingerprint, OtrTrust trust, String ourFingerprint,
        boolean keepHistory) {

    /** Before the first snapshot arrived. */
    public static final OtrView UNKNOWN = new OtrView(OtrStatus.NOT_PRIVATE, null, null, null, false);

    /** Reads the snapshot; on the account's event loop only. */
    public static OtrView read(OtrMessaging m, Jid contact) {
        OtrConversation c = m.conversation(contact);
        MessageState state = c == null ? null : c.userState();
        OtrStatus status = OtrStatus.NOT_PRIVATE;
        String theirs = null;
        OtrTrust trust = null;
        if (state instanceof EncryptedState e) {
            theirs = e.theirFingerprint().display();
            trust = m.trustBook().trust(contact.bare().toString(), e.theirFingerprint());
            boolean verified = trust == OtrTrust.VERIFIED_SMP || trust == OtrTrust.VERIFIED_MANUAL;
            status = verified ? OtrStatus.PRIVATE : OtrStatus.UNVERIFIED;
        } else if (state instanceof FinishedState) {
            status = OtrStatus.FINISHED;
        }
        return new OtrView(status, theirs, trust, m.fingerprint() == null ? null : m.fingerprint().display(),
                m.keepsPrivateHistory(contact));
    }
}
