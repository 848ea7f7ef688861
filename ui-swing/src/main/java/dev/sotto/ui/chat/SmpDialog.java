package dev.sotto.ui.chat;

import dev.sotto.engine.crypto.Secret;
import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.awt.Window;
import java.util.Arrays;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JRadioButton;
import javax.swing.JTextField;

/**
 * The Socialist Millionaires' Protocol dialog (OTR v3 "The protocol" of SMP; issue 10): to start an authentication,
 * either a question and its answer, or a secret both sides share; to answer the contact's request, the answer. The
 * secret is read from a password field, handed over once and its characters cleared. Modeless: it never blocks the
 * conversation, and a request that arrives while the user types elsewhere waits in its own window.
 */
public final class SmpDialog extends JDialog {
    private static final long serialVersionUID = 1L;

    /** Starts SMP: {@code question} null for a shared secret; the OTR layer wipes {@code secret} once used. */
    public interface Start {
        void start(String question, Secret secret);
    }

    /** Answers (or, with {@code secret} null, declines) the contact's request; the secret is wiped once used. */
    public interface Answer {
        void answer(Secret secret);
    }

    private final JPasswordField secret = new JPasswordField(24);

    private SmpDialog(Window owner, String title) {
        super(owner, title, ModalityType.MODELESS);
        setName("smpDialog");
        secret.setName("smpSecret");
    }

    /** The dialog to start authenticating {@code contact}. */
    public static SmpDialog initiate(Window owner, String contact, Start start) {
        SmpDialog d = new SmpDialog(owner, "Authenticate " + contact);
        JRadioButton byQuestion = new JRadioButton("A question only " + contact + " can answer", true);
        byQuestion.setName("smpByQuestion");
        JRadioButton bySecret = new JRadioButton("A secret you both know");
        bySecret.setName("smpBySecret");
        ButtonGroup group = new ButtonGroup();
        group.add(byQuestion);
        group.add(bySecret);
        JTextField question = new JTextField(24);
        question.setName("smpQuestion");
        byQuestion.addActionListener(e -> question.setEnabled(true));
        bySecret.addActionListener(e -> question.setEnabled(false));
        JPanel rows = new JPanel(new GridLayout(0, 1, 4, 4));
        rows.add(byQuestion);
        rows.add(bySecret);
        rows.add(new JLabel("Question:"));
        rows.add(question);
        rows.add(new JLabel("Answer or shared secret:"));
        rows.add(d.secret);
        JButton ok = new JButton("Authenticate");
        ok.setName("smpOk");
        ok.addActionListener(e -> {
            Secret s = d.takeSecret();
            if (s == null) {
                return;
            }
            String q = byQuestion.isSelected() && !question.getText().isBlank() ? question.getText() : null;
            d.dispose();
            start.start(q, s);
        });
        JButton cancel = new JButton("Cancel");
        cancel.setName("smpCancel");
        cancel.addActionListener(e -> d.dispose());
        d.layout(new JLabel("<html>Both of you enter the same answer; nothing else is revealed, not even "
                + "a wrong answer.</html>"), rows, ok, cancel);
        return d;
    }

    /** The dialog to answer the contact's request; {@code question} null when the contact asks for a shared secret. */
    public static SmpDialog respond(Window owner, String contact, String question, Answer answer) {
        SmpDialog d = new SmpDialog(owner, contact + " wants to authenticate");
        JPanel rows = new JPanel(new GridLayout(0, 1, 4, 4));
        JLabel asked = new JLabel(question == null ? "Enter the secret you share with " + contact + ":"
                : "Question from " + contact + ": " + question);
        asked.setName("smpQuestionShown");
        rows.add(asked);
        rows.add(d.secret);
        JButton ok = new JButton("Answer");
        ok.setName("smpOk");
        ok.addActionListener(e -> {
            Secret s = d.takeSecret();
            if (s == null) {
                return;
            }
            d.dispose();
            answer.answer(s);
        });
        JButton cancel = new JButton("Decline");
        cancel.setName("smpCancel");
        cancel.addActionListener(e -> {
            d.dispose();
            answer.answer(null);
        });
        d.layout(new JLabel("<html>" + escape(contact) + " asks you to prove who you are.</html>"), rows, ok, cancel);
        return d;
    }

    private void layout(JLabel header, JPanel rows, JButton ok, JButton cancel) {
        JPanel panel = new JPanel(new BorderLayout(8, 8));
        panel.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        panel.add(header, BorderLayout.NORTH);
        panel.add(rows, BorderLayout.CENTER);
        JPanel buttons = new JPanel();
        buttons.add(ok);
        buttons.add(cancel);
        panel.add(buttons, BorderLayout.SOUTH);
        setContentPane(panel);
        getRootPane().setDefaultButton(ok);
        pack();
        setLocationRelativeTo(getOwner());
    }

    /**
     * The secret typed, once, or null when nothing was typed: it goes from the password field's char array straight
     * into a {@link Secret} (never a {@code String}, which could not be wiped), then the array and field are cleared.
     */
    private Secret takeSecret() {
        char[] c = secret.getPassword();
        try {
            return c.length == 0 ? null : Secret.ofUtf8(c);
        } finally {
            Arrays.fill(c, '\0');
            secret.setText("");
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
