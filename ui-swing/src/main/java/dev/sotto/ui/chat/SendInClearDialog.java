package dev.sotto.ui.chat;

import java.awt.BorderLayout;
import java.awt.Window;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * Asks before a message goes out in clear to a contact the conversation has been private with (issue 10; DESIGN.md,
 * "Reconnects and downgrades"). The engine never downgrades on its own: a message to such a contact is held until
 * a private conversation exists, or fails; in the OTR v3 FINISHED state ("the correspondent ended the private
 * conversation") nothing is sent. Only this dialog leads to {@code sendPlaintext}. Its default button is the safe
 * one, so Enter never sends in clear by accident.
 */
public final class SendInClearDialog extends JDialog {
    private static final long serialVersionUID = 1L;

    /** The user's answer. */
    public enum Choice {
        /** Send the message unencrypted. */
        SEND_IN_CLEAR,
        /** Start (refresh) a private conversation and send the message in it. */
        SEND_PRIVATELY,
        /** Do not send it (the text goes back into the input line). */
        DONT_SEND
    }

    /** What the user chose; closing the window without a choice is "don't send". */
    private Choice chosen = Choice.DONT_SEND;

    private SendInClearDialog(Window owner) {
        super(owner, "Send unencrypted?", ModalityType.DOCUMENT_MODAL);
        setName("sendInClearDialog");
        setDefaultCloseOperation(DISPOSE_ON_CLOSE);
    }

    /**
     * After the contact ended the private conversation (FINISHED): go private again and send, send in clear, or not
     * at all. Closing the window counts as "don't send".
     */
    public static SendInClearDialog afterFinished(Window owner, String contact, Consumer<Choice> answer) {
        return build(owner, "<html><b>" + escape(contact) + " ended the private conversation.</b><br>"
                + "Your message has not been sent. Sent in clear, it can be read by the servers and networks it "
                + "passes through.</html>", answer, true);
    }

    /**
     * A message that could not be sent privately ({@code reason}: why, e.g. no private conversation came in time):
     * send it in clear, or not at all.
     */
    public static SendInClearDialog afterFailure(Window owner, String contact, String reason, Consumer<Choice> answer) {
        return build(owner, "<html><b>A message to " + escape(contact) + " could not be sent privately</b> ("
                + escape(reason) + ").<br>Sent in clear, it can be read by the servers and networks it passes "
                + "through.</html>", answer, false);
    }

    private static SendInClearDialog build(Window owner, String text, Consumer<Choice> answer, boolean privately) {
        SendInClearDialog d = new SendInClearDialog(owner);
        JButton clear = d.button("sendInClear", "Send unencrypted", Choice.SEND_IN_CLEAR);
        JButton keep = d.button("dontSend", "Don't send", Choice.DONT_SEND);
        JPanel buttons = new JPanel();
        if (privately) {
            JButton go = d.button("sendPrivately", "Start private conversation and send", Choice.SEND_PRIVATELY);
            buttons.add(go);
            d.getRootPane().setDefaultButton(go);
        } else {
            d.getRootPane().setDefaultButton(keep);
        }
        buttons.add(clear);
        buttons.add(keep);
        JLabel message = new JLabel(text);
        message.setName("sendInClearText");
        JPanel panel = new JPanel(new BorderLayout(8, 8));
        panel.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        panel.add(message, BorderLayout.CENTER);
        panel.add(buttons, BorderLayout.SOUTH);
        d.setContentPane(panel);
        d.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosed(java.awt.event.WindowEvent e) {
                answer.accept(d.chosen);
            }
        });
        d.pack();
        d.setLocationRelativeTo(owner);
        return d;
    }

    private JButton button(String name, String label, Choice choice) {
        JButton b = new JButton(label);
        b.setName(name);
        b.addActionListener(e -> {
            chosen = choice;
            dispose();
        });
        return b;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
