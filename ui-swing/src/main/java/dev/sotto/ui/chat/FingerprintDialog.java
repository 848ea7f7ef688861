package dev.sotto.ui.chat;

import dev.sotto.engine.event.OtrTrust;
import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.Window;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;

/**
 * The fingerprint view (issue 10): the contact's and our own OTR fingerprint, five groups of eight upper-case hex
 * digits (DESIGN.md, Console contract; OTR v3 "Public keys, signatures, and fingerprints"), so the user can compare
 * them over another channel, and the user's decision: "verify manually" or "distrust". Modeless: it never blocks
 * the conversation.
 */
public final class FingerprintDialog extends JDialog {
    private static final long serialVersionUID = 1L;

    /** What the user decided about the contact's fingerprint. */
    public interface Decision {
        void decide(String fingerprint, boolean trusted);
    }

    public FingerprintDialog(Window owner, String contact, OtrView view, Decision decision) {
        super(owner, "OTR fingerprints \u2014 " + contact, ModalityType.MODELESS);
        setName("fingerprintDialog");
        JPanel panel = new JPanel(new BorderLayout(8, 8));
        panel.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel rows = new JPanel(new GridLayout(0, 1, 4, 4));
        rows.add(new JLabel("Fingerprint of " + contact + " in this private conversation:"));
        rows.add(field("theirFingerprint", view.theirFingerprint() == null ? "(no private conversation)"
                : view.theirFingerprint()));
        JLabel trust = new JLabel(trustText(view.trust()));
        trust.setName("fingerprintTrust");
        rows.add(trust);
        rows.add(new JLabel("Your own fingerprint:"));
        rows.add(field("ourFingerprint", view.ourFingerprint() == null ? "(key being generated)"
                : view.ourFingerprint()));
        panel.add(rows, BorderLayout.CENTER);
        JPanel buttons = new JPanel();
        JButton verify = new JButton("Verify manually");
        verify.setName("verifyManually");
        verify.setToolTipText("Only when you compared it with the fingerprint your contact told you another way");
        JButton distrust = new JButton("Distrust");
        distrust.setName("distrust");
        JButton close = new JButton("Close");
        close.setName("closeFingerprints");
        boolean known = view.theirFingerprint() != null;
        verify.setEnabled(known);
        distrust.setEnabled(known);
        verify.addActionListener(e -> {
            decision.decide(view.theirFingerprint(), true);
            dispose();
        });
        distrust.addActionListener(e -> {
            decision.decide(view.theirFingerprint(), false);
            dispose();
        });
        close.addActionListener(e -> dispose());
        buttons.add(verify);
        buttons.add(distrust);
        buttons.add(close);
        panel.add(buttons, BorderLayout.SOUTH);
        setContentPane(panel);
        getRootPane().setDefaultButton(close);
        pack();
        setLocationRelativeTo(owner);
    }

    private static JTextField field(String name, String text) {
        JTextField f = new JTextField(text);
        f.setName(name);
        f.setEditable(false);
        f.setFont(new Font(Font.MONOSPACED, Font.PLAIN, f.getFont().getSize()));
        f.setColumns(44);
        return f;
    }

    static String trustText(OtrTrust trust) {
        if (trust == null) {
            return "Not verified.";
        }
        return switch (trust) {
            case VERIFIED_SMP -> "Verified by authentication (SMP).";
            case VERIFIED_MANUAL -> "Verified by you.";
            case DISTRUSTED -> "You distrust this fingerprint.";
            case UNVERIFIED -> "Not verified.";
        };
    }
}
