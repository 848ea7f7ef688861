package dev.sotto.ui.chat;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.otr.Fingerprint;
import dev.sotto.engine.otr.OtrAccountEvent;
import dev.sotto.engine.otr.OtrNotice;
import dev.sotto.engine.otr.OtrXmppAccount;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JToolBar;
import javax.swing.SwingUtilities;

/**
 * The chat window's OTR toolbar (issue 10): the conversation's state, live (not private / unverified / private /
 * finished); start or refresh and end the private conversation; the fingerprint view; SMP; and the per-contact
 * setting "keep no history of private conversations" (a durable engine event). Every action is a command to the
 * OTR layer; every change shown comes back from it: the state is re-read on the account's event loop after each
 * relevant event, so what the toolbar shows is what OTR holds.
 */
public final class OtrToolbar extends JToolBar {
    private static final long serialVersionUID = 1L;

    private final transient OtrXmppAccount otr;
    private final transient Conversation conversation;
    private final transient Consumer<String> notice;
    private final JLabel status = new JLabel();
    private final JButton start = new JButton();
    private final JButton end = new JButton("End private");
    private final JButton fingerprints = new JButton("Fingerprints\u2026");
    private final JButton smp = new JButton("Authenticate\u2026");
    private final JCheckBox noHistory = new JCheckBox("Keep no history of private conversations");
    private final JLabel smpResult = new JLabel(" ");
    private transient OtrView view = OtrView.UNKNOWN;
    private transient SmpDialog incoming;

    /**
     * @param notice appends an in-line notice to the conversation (on the event dispatch thread)
     */
    public OtrToolbar(OtrXmppAccount otr, Conversation conversation, Consumer<String> notice) {
        this.otr = otr;
        this.conversation = conversation;
        this.notice = notice;
        setName("otrToolbar");
        setFloatable(false);
        status.setName("otrStatus");
        start.setName("otrStart");
        start.setToolTipText("Start a private (OTR) conversation, or refresh it with new keys");
        end.setToolTipText("End the private conversation");
        end.setName("otrEnd");
        fingerprints.setName("otrFingerprints");
        smp.setName("otrSmp");
        noHistory.setName("otrNoHistory");
        noHistory.setToolTipText("Messages of private (OTR) conversations with this contact are shown, never stored");
        smpResult.setName("smpResult");
        start.addActionListener(e -> otr.startPrivate(conversation.contact()));
        end.addActionListener(e -> otr.endPrivate(conversation.contact()));
        fingerprints.addActionListener(e -> showFingerprints());
        smp.addActionListener(e -> SmpDialog.initiate(SwingUtilities.getWindowAncestor(this),
                conversation.contact().toString(), (question, secret) -> {
                    smpResult.setText("Authentication in progress\u2026");
                    otr.smpStart(conversation.contact(), secret, question);
                }).setVisible(true));
        noHistory.addActionListener(e -> {
            boolean keep = !noHistory.isSelected();
            otr.setKeepPrivateHistory(conversation.contact(), keep);
            notice.accept(keep ? "Private messages with " + conversation.contact() + " are stored from now on."
                    : "Private messages with " + conversation.contact() + " are no longer stored.");
        });
        add(status);
        addSeparator();
        add(start);
        add(end);
        add(fingerprints);
        add(smp);
        add(smpResult);
        show(view);
        refresh();
    }

    /**
     * The "keep no history of private conversations" check box; the chat panel shows it next to the other history
     * controls (search, forget).
     */
    public JCheckBox historyToggle() {
        return noHistory;
    }

    /** The account's OTR layer this toolbar drives. */
    OtrXmppAccount otr() {
        return otr;
    }

    /** The state shown now (event dispatch thread). */
    public OtrView view() {
        return view;
    }

    /** The last SMP result shown (event dispatch thread). */
    public String smpResult() {
        return smpResult.getText();
    }

    /** Reads the OTR state on the account's loop, then shows it on the event dispatch thread. */
    public void refresh() {
        otr.query(m -> OtrView.read(m, conversation.contact()))
                .thenAccept(v -> SwingUtilities.invokeLater(() -> show(v)));
    }

    /** A bus event on the event dispatch thread. */
    public void onEvent(Object event) {
        if (event instanceof OtrAccountEvent.Notice n && mine(n.account(), n.contact())) {
            onNotice(n.notice());
            refresh();
        } else if (event instanceof OtrAccountEvent.KeyReady k && k.account().equals(conversation.account())) {
            refresh();
        } else if (event instanceof OtrEvent o && o.account().equals(conversation.account().toString())) {
            refresh(); // fingerprints, trust, settings
        }
    }

    private boolean mine(dev.sotto.engine.xmpp.Jid account, dev.sotto.engine.xmpp.Jid contact) {
        return account.equals(conversation.account()) && contact.bare().equals(conversation.contact());
    }

    private void onNotice(OtrNotice n) {
        if (n instanceof OtrNotice.SmpRequested r) {
            if (incoming != null) {
                incoming.dispose();
            }
            smpResult.setText("Authentication requested\u2026");
            incoming = SmpDialog.respond(SwingUtilities.getWindowAncestor(this), conversation.contact().toString(),
                    r.question(), secret -> {
                        if (secret == null) {
                            otr.smpAbort(conversation.contact());
                        } else {
                            otr.smpAnswer(conversation.contact(), secret);
                        }
                    });
            incoming.setVisible(true);
        } else if (n instanceof OtrNotice.SmpResult r) {
            smpResult.setText(r.success() ? "Authentication succeeded" : "Authentication failed");
        } else if (n instanceof OtrNotice.SmpAborted) {
            smpResult.setText("Authentication aborted");
        } else if (n instanceof OtrNotice.SmpCheated) {
            smpResult.setText("Authentication failed (protocol check)");
        } else if (n instanceof OtrNotice.WentPrivate) {
            smpResult.setText(" ");
        }
    }

    private void showFingerprints() {
        new FingerprintDialog(SwingUtilities.getWindowAncestor(this), conversation.contact().toString(), view,
                (fingerprint, trusted) -> {
                    Fingerprint f = Fingerprint.parse(fingerprint.replace(" ", ""));
                    if (f != null) {
                        otr.decideTrust(conversation.contact(), f, trusted);
                        notice.accept(trusted ? "You verified the fingerprint of " + conversation.contact() + "."
                                : "You distrust this fingerprint of " + conversation.contact() + ".");
                    }
                }).setVisible(true);
    }

    private void show(OtrView v) {
        view = v;
        status.setText("OTR: " + v.status().label());
        // Colour as a second cue besides the words (never the only one): green only when verified.
        status.setForeground(switch (v.status()) {
            case PRIVATE -> new java.awt.Color(0x2E, 0x7D, 0x32);
            case UNVERIFIED -> new java.awt.Color(0xE6, 0x51, 0x00);
            case FINISHED -> new java.awt.Color(0xC6, 0x28, 0x28);
            case NOT_PRIVATE -> javax.swing.UIManager.getColor("Label.foreground");
        });
        status.setToolTipText(v.theirFingerprint() == null ? null : "Fingerprint " + v.theirFingerprint());
        boolean secured = v.status() == OtrStatus.UNVERIFIED || v.status() == OtrStatus.PRIVATE;
        start.setText(v.status() == OtrStatus.NOT_PRIVATE ? "Start private" : "Refresh private");
        end.setEnabled(v.status() != OtrStatus.NOT_PRIVATE);
        smp.setEnabled(secured);
        noHistory.setSelected(!v.keepHistory());
    }
}
