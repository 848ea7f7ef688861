package dev.sotto.ui.chat;

/**
 * The OTR state of a conversation as the toolbar shows it (issue 10), honest about verification (DESIGN.md, Secure
 * by default: unverified until SMP succeeds or the user verifies the fingerprint).
 */
public enum OtrStatus {
    /** MSGSTATE_PLAINTEXT (OTR v3 "Protocol state"): messages travel in clear. */
    NOT_PRIVATE("Not private"),
    /** MSGSTATE_ENCRYPTED with a fingerprint that nobody verified (or that the user distrusts). */
    UNVERIFIED("Unverified"),
    /** MSGSTATE_ENCRYPTED with a fingerprint verified by SMP or by the user. */
    PRIVATE("Private"),
    /** MSGSTATE_FINISHED: the contact ended the private conversation; nothing is sent until we end or refresh. */
    FINISHED("Finished");

    private final String label;

    OtrStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
