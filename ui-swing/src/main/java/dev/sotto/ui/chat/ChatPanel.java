package dev.sotto.ui.chat;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.HistoryEntry;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.event.XmppEvent;
import java.awt.BorderLayout;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.JTextPane;
import javax.swing.text.BadLocationException;
import javax.swing.text.SimpleAttributeSet;
import javax.swing.text.StyleConstants;
import javax.swing.text.StyledDocument;

/**
 * One conversation: its history replayed from the engine's state (itself a fold of the log), live messages as
 * they arrive, and an input line where Enter sends.
 */
public final class ChatPanel extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final transient SottoEngine engine;
    private final transient Conversation conversation;
    private final JTextPane transcript = new JTextPane();
    private final JTextField input = new JTextField();
    private final SimpleAttributeSet mine = new SimpleAttributeSet();
    private final SimpleAttributeSet theirs = new SimpleAttributeSet();
    private final SimpleAttributeSet notice = new SimpleAttributeSet();
    private int messages;

    public ChatPanel(SottoEngine engine, Conversation conversation) {
        super(new BorderLayout());
        this.engine = engine;
        this.conversation = conversation;
        setName("chat:" + conversation.contact());
        transcript.setName("transcript");
        transcript.setEditable(false);
        input.setName("input");
        StyleConstants.setBold(mine, true);
        StyleConstants.setItalic(notice, true);
        add(new JScrollPane(transcript), BorderLayout.CENTER);
        add(input, BorderLayout.SOUTH);
        input.addActionListener(e -> send());
        for (HistoryEntry entry : engine.state().history(conversation.account(), conversation.contact())) {
            show(entry.event(), entry.at());
        }
    }

    public Conversation conversation() {
        return conversation;
    }

    /** Messages shown (history and live). */
    public int messageCount() {
        return messages;
    }

    public void focusInput() {
        input.requestFocusInWindow();
    }

    private void send() {
        String text = input.getText();
        if (text.isBlank()) {
            return;
        }
        input.setText("");
        // Shown when the engine's MessageSent event comes back on the bus: what is shown is what was stored.
        engine.sendMessage(conversation.account(), conversation.contact(), text);
    }

    /** A bus event on the event dispatch thread; events of other conversations are ignored. */
    public void onEvent(Object event) {
        if (event instanceof XmppEvent.MessageSent m && mine(m.account(), m.to())) {
            show(m, Instant.now());
        } else if (event instanceof XmppEvent.MessageReceived m && mine(m.account(), m.from())
                && !m.body().startsWith("?OTR")) {
            show(m, Instant.now());
        } else if (event instanceof XmppEvent.MessageFailed m && mine(m.account(), m.to())) {
            show(m, Instant.now());
        }
    }

    private boolean mine(dev.sotto.engine.xmpp.Jid account, dev.sotto.engine.xmpp.Jid contact) {
        return new Conversation(account, contact).equals(conversation);
    }

    private void show(Object event, Instant at) {
        if (event instanceof XmppEvent.MessageSent m) {
            append("[" + TIME.format(at) + "] me: ", mine);
            append(m.body() + "\n", null);
            messages++;
        } else if (event instanceof XmppEvent.MessageReceived m) {
            append("[" + TIME.format(at) + "] " + conversation.contact().local() + ": ", theirs);
            append(m.body() + "\n", null);
            messages++;
        } else if (event instanceof XmppEvent.MessageFailed m) {
            appendNotice("A message could not be delivered (" + m.condition() + ").");
        }
    }

    /** An in-line notice (OTR events, failures): italic, on its own line. */
    public void appendNotice(String text) {
        append("\u2014 " + text + "\n", notice);
    }

    private void append(String text, SimpleAttributeSet style) {
        StyledDocument doc = transcript.getStyledDocument();
        try {
            doc.insertString(doc.getLength(), text, style);
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
        transcript.setCaretPosition(doc.getLength());
    }

    /** The transcript's text (for tests and search). */
    public String transcriptText() {
        return transcript.getText();
    }
}
