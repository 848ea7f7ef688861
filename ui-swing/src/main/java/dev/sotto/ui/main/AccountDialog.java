package dev.sotto.ui.main;

import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.TlsPolicy;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Window;
import java.util.Arrays;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;

/**
 * Adds or edits an XMPP account: JID, password, optional host and port, TLS policy. The password is read as
 * {@code char[]} and handed over once; the field is cleared when the dialog closes. Editing leaves the
 * password field empty: empty means "keep the stored one".
 */
public final class AccountDialog extends JDialog {
    private static final long serialVersionUID = 1L;

    /** What the user entered; {@code password} is {@code null} when editing kept the stored one. */
    public record Result(Jid jid, char[] password, String host, int port, TlsPolicy tlsPolicy) {
        @Override
        public String toString() {
            return "AccountDialog.Result[" + jid + "]";
        }
    }

    private final JTextField jid = new JTextField(24);
    private final JPasswordField password = new JPasswordField(24);
    private final JTextField host = new JTextField(24);
    private final JTextField port = new JTextField(6);
    private final JComboBox<String> tls = new JComboBox<>(new String[] {"Required (recommended)", "Optional"});
    private final JLabel error = new JLabel(" ");
    private final boolean editing;
    private Result result;

    public AccountDialog(Window owner, XmppAccount existing) {
        super(owner, existing == null ? "Add account" : "Edit account", ModalityType.APPLICATION_MODAL);
        setName("accountDialog");
        this.editing = existing != null;
        jid.setName("jid");
        password.setName("password");
        host.setName("host");
        port.setName("port");
        tls.setName("tls");
        error.setName("accountError");
        if (existing != null) {
            jid.setText(existing.jid().toString());
            jid.setEditable(false);
            host.setText(existing.host() == null ? "" : existing.host());
            port.setText(existing.host() == null ? "" : Integer.toString(existing.port()));
            tls.setSelectedIndex(existing.tlsPolicy() == TlsPolicy.REQUIRED ? 0 : 1);
            password.setToolTipText("Leave empty to keep the stored password");
        }
        JPanel form = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(4, 6, 4, 6);
        c.anchor = GridBagConstraints.LINE_START;
        int row = 0;
        row = addRow(form, c, row, "Address (JID):", jid);
        row = addRow(form, c, row, editing ? "Password (empty: keep):" : "Password:", password);
        row = addRow(form, c, row, "Server host (optional):", host);
        row = addRow(form, c, row, "Port (optional):", port);
        row = addRow(form, c, row, "TLS:", tls);
        c.gridx = 0;
        c.gridy = row++;
        c.gridwidth = 2;
        form.add(error, c);
        JButton ok = new JButton(editing ? "Save" : "Add");
        ok.setName("accountOk");
        ok.addActionListener(e -> submit());
        JButton cancel = new JButton("Cancel");
        cancel.setName("accountCancel");
        cancel.addActionListener(e -> dispose());
        JPanel buttons = new JPanel();
        buttons.add(ok);
        buttons.add(cancel);
        c.gridy = row;
        c.anchor = GridBagConstraints.LINE_END;
        form.add(buttons, c);
        setContentPane(form);
        getRootPane().setDefaultButton(ok);
        pack();
        setLocationRelativeTo(owner);
    }

    private static int addRow(JPanel form, GridBagConstraints c, int row, String label, JComponent field) {
        c.gridwidth = 1;
        c.gridx = 0;
        c.gridy = row;
        JLabel l = new JLabel(label);
        l.setLabelFor(field);
        form.add(l, c);
        c.gridx = 1;
        form.add(field, c);
        return row + 1;
    }

    private void submit() {
        Jid parsed = Jid.parse(jid.getText().trim());
        if (parsed == null || parsed.local() == null || parsed.isFull()) {
            error.setText("Enter an address like alice@example.org");
            return;
        }
        int portNumber = 5222; // RFC 6120 §14.7
        String hostText = host.getText().trim();
        if (!port.getText().isBlank()) {
            try {
                portNumber = Integer.parseInt(port.getText().trim());
            } catch (NumberFormatException e) {
                portNumber = -1;
            }
            if (portNumber < 1 || portNumber > 65535) {
                error.setText("The port is a number from 1 to 65535");
                return;
            }
        }
        char[] secret = password.getPassword();
        if (secret.length == 0 && !editing) {
            error.setText("Enter the account's password");
            return;
        }
        result = new Result(parsed, secret.length == 0 ? null : secret, hostText.isEmpty() ? null : hostText,
                portNumber, tls.getSelectedIndex() == 0 ? TlsPolicy.REQUIRED : TlsPolicy.OPTIONAL);
        dispose();
    }

    @Override
    public void dispose() {
        password.setText("");
        super.dispose();
    }

    /** Shows the dialog (modal) and returns what was entered, or {@code null} when cancelled. */
    public Result showDialog() {
        setVisible(true);
        return result;
    }

    /** Zeroes a result's password once it has been turned into a secret. */
    public static void wipe(Result r) {
        if (r != null && r.password() != null) {
            Arrays.fill(r.password(), '\0');
        }
    }
}
