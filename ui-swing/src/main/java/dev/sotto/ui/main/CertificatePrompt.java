package dev.sotto.ui.main;

import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.Window;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;

/**
 * The untrusted-certificate prompt (DESIGN.md, Secure by default: a self-signed server is accepted only by an
 * explicit, recorded decision). Shows the server certificate's SHA-256 so the user can compare it with one
 * obtained another way.
 */
public final class CertificatePrompt extends JDialog {
    private static final long serialVersionUID = 1L;

    /** The user's decision. */
    public enum Decision { ACCEPT_ONCE, ACCEPT_ALWAYS, REJECT }

    private Decision decision = Decision.REJECT;

    public CertificatePrompt(Window owner, String account, String sha256, String reason, boolean onceSupported) {
        super(owner, "Untrusted server certificate", ModalityType.APPLICATION_MODAL);
        setName("certificatePrompt");
        JPanel panel = new JPanel(new BorderLayout(8, 8));
        panel.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        panel.add(new JLabel("<html>The server of <b>" + escape(account) + "</b> presented a certificate that is not "
                + "trusted (" + escape(reason) + ").<br>Compare its SHA-256 fingerprint with one you got another way:"
                + "</html>"), BorderLayout.NORTH);
        JTextArea fingerprint = new JTextArea(grouped(sha256));
        fingerprint.setName("fingerprint");
        fingerprint.setEditable(false);
        fingerprint.setFont(new Font(Font.MONOSPACED, Font.PLAIN, fingerprint.getFont().getSize()));
        panel.add(fingerprint, BorderLayout.CENTER);
        JPanel buttons = new JPanel();
        JButton once = button("Accept once", "acceptOnce", Decision.ACCEPT_ONCE);
        once.setEnabled(onceSupported);
        if (!onceSupported) {
            once.setToolTipText("Not available yet: the engine can only pin a certificate");
        }
        buttons.add(once);
        buttons.add(button("Always accept", "acceptAlways", Decision.ACCEPT_ALWAYS));
        JButton reject = button("Reject", "reject", Decision.REJECT);
        buttons.add(reject);
        panel.add(buttons, BorderLayout.SOUTH);
        setContentPane(panel);
        getRootPane().setDefaultButton(reject);
        pack();
        setLocationRelativeTo(owner);
    }

    private JButton button(String text, String name, Decision d) {
        JButton b = new JButton(text);
        b.setName(name);
        b.addActionListener(e -> {
            decision = d;
            dispose();
        });
        return b;
    }

    /** Two lines of 16 bytes: easier to compare than one long line. */
    static String grouped(String sha256) {
        String[] bytes = sha256.split(":");
        if (bytes.length != 32) {
            return sha256;
        }
        return String.join(":", java.util.Arrays.copyOfRange(bytes, 0, 16)) + ":\n"
                + String.join(":", java.util.Arrays.copyOfRange(bytes, 16, 32));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public Decision showDialog() {
        setVisible(true);
        return decision;
    }
}
