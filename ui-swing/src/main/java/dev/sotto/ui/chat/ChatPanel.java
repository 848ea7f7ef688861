package dev.sotto.ui.chat;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.HistoryEntry;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.otr.OtrAccountEvent;
import dev.sotto.engine.otr.OtrInterceptor;
import java.awt.BorderLayout;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.JTextPane;
import javax.swing.text.BadLocationException;
import javax.swing.text.DefaultStyledDocument;
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
    private final JTextField search = new JTextField(18);
    private final javax.swing.JLabel searchResult = new javax.swing.JLabel(" ");
    private final transient java.util.function.Function<Conversation, java.util.concurrent.CompletableFuture<?>> forget;
    private final SimpleAttributeSet mine = new SimpleAttributeSet();
    private final SimpleAttributeSet theirs = new SimpleAttributeSet();
    private final SimpleAttributeSet notice = new SimpleAttributeSet();
    private final transient OtrToolbar otrToolbar;
    /**
     * With OTR: the text of our messages, by local id, until the OTR layer sent them (privately, or in clear to a
     * contact never private) or they failed, so that a failed one can be offered for sending in clear
     * ({@link SendInClearDialog}). In memory only, never logged or stored.
     */
    private final transient java.util.Map<String, String> unsent = new java.util.LinkedHashMap<>();
    private int messages;
    /**
     * History entries older than the first page, not in the transcript yet (oldest first); empty once shown. A
     * JTextPane lays out every paragraph when its document is installed: a conversation of a thousand messages
     * took over a second on the event dispatch thread to open, so only the newest {@link #FIRST_PAGE} are laid
     * out at first and the rest on request (the button above the transcript, or a search).
     */
    private transient java.util.List<HistoryEntry> earlier = java.util.List.of();
    private final javax.swing.JButton showEarlier = new javax.swing.JButton();

    /** History entries shown when a conversation opens; older ones wait behind {@link #showEarlier}. */
    static final int FIRST_PAGE = 200;

    /** A conversation without OTR controls (messages through the facade as they are). */
    public ChatPanel(SottoEngine engine, Conversation conversation, int forgotten,
            java.util.function.Function<Conversation, java.util.concurrent.CompletableFuture<?>> forget) {
        this(engine, null, conversation, forgotten, forget);
    }

    /**
     * @param forgotten the conversation's history entries forgotten in this run: the engine's in-memory state
     *     still holds them until the next start (the log's copies are already unreadable), so they are skipped
     * @param forget    forgets the conversation (crypto-shredding its log stream); completes when done
     * @param otr       OTR on the engine (issue 10), or null: then there are no OTR controls and the live messages
     *                  are the facade's durable ones; with OTR, live messages are the OTR layer's (private ones are
     *                  shown even when they are not stored)
     */
    public ChatPanel(SottoEngine engine, OtrInterceptor otr, Conversation conversation, int forgotten,
            java.util.function.Function<Conversation, java.util.concurrent.CompletableFuture<?>> forget) {
        super(new BorderLayout());
        this.engine = engine;
        this.conversation = conversation;
        this.forget = forget;
        setName("chat:" + conversation.contact());
        transcript.setName("transcript");
        transcript.setEditable(false);
        input.setName("input");
        StyleConstants.setBold(mine, true);
        StyleConstants.setItalic(notice, true);
        showEarlier.setName("showEarlier");
        showEarlier.setVisible(false);
        showEarlier.putClientProperty("JButton.buttonType", "borderless");
        showEarlier.addActionListener(e -> showEarlier());
        JPanel center = new JPanel(new BorderLayout());
        center.add(showEarlier, BorderLayout.NORTH);
        center.add(new JScrollPane(transcript), BorderLayout.CENTER);
        add(center, BorderLayout.CENTER);
        add(input, BorderLayout.SOUTH);
        this.otrToolbar = otr == null ? null
                : new OtrToolbar(otr.account(conversation.account()), conversation, this::appendNotice);
        if (otrToolbar == null) {
            add(toolbar(), BorderLayout.NORTH);
        } else {
            javax.swing.JPanel bars = new javax.swing.JPanel(new java.awt.GridLayout(2, 1));
            bars.add(otrToolbar);
            bars.add(toolbar());
            add(bars, BorderLayout.NORTH);
        }
        input.addActionListener(e -> send());
        // The history goes into a document no view listens to yet, which is then installed once: one layout
        // instead of one per message (a conversation of a thousand messages took about a second per message
        // insert; issue 10, start-up).
        java.util.List<HistoryEntry> all = engine.state().history(conversation.account(), conversation.contact()).castToList();
        java.util.List<HistoryEntry> kept = all.subList(Math.min(forgotten, all.size()), all.size());
        int firstShown = Math.max(0, kept.size() - FIRST_PAGE);
        earlier = java.util.List.copyOf(kept.subList(0, firstShown));
        StyledDocument history = new DefaultStyledDocument();
        for (HistoryEntry entry : kept.subList(firstShown, kept.size())) {
            show(history, history.getLength(), entry.event(), entry.at());
        }
        transcript.setStyledDocument(history);
        transcript.setCaretPosition(history.getLength());
        updateShowEarlier();
    }

    private void updateShowEarlier() {
        int n = earlier.size();
        showEarlier.setText(n == 1 ? "Show 1 earlier message" : "Show " + n + " earlier messages");
        showEarlier.setVisible(n > 0);
    }

    /**
     * Puts the older history in front of what is shown. The document is filled while no view listens to it (one
     * layout when it is installed again, not one per message); the view stays where it was in the conversation.
     */
    private void showEarlier() {
        if (earlier.isEmpty()) {
            return;
        }
        StyledDocument doc = transcript.getStyledDocument();
        int caret = transcript.getCaretPosition();
        transcript.setStyledDocument(new DefaultStyledDocument());
        int at = 0;
        for (HistoryEntry entry : earlier) {
            at = show(doc, at, entry.event(), entry.at());
        }
        earlier = java.util.List.of();
        transcript.setStyledDocument(doc);
        transcript.setCaretPosition(Math.min(doc.getLength(), caret + at));
        updateShowEarlier();
    }

    private javax.swing.JToolBar toolbar() {
        javax.swing.JToolBar bar = new javax.swing.JToolBar();
        bar.setFloatable(false);
        search.setName("search");
        search.putClientProperty("JTextField.placeholderText", "Search this conversation");
        search.putClientProperty("JTextField.showClearButton", true);
        search.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
            @Override
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                highlight();
            }

            @Override
            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                highlight();
            }

            @Override
            public void changedUpdate(javax.swing.event.DocumentEvent e) {
                highlight();
            }
        });
        searchResult.setName("searchResult");
        javax.swing.JButton forgetButton = new javax.swing.JButton("Forget this conversation\u2026");
        forgetButton.setName("forget");
        forgetButton.addActionListener(e -> confirmForget());
        bar.add(search);
        bar.add(searchResult);
        bar.add(javax.swing.Box.createHorizontalGlue());
        if (otrToolbar != null) {
            bar.add(otrToolbar.historyToggle());
        }
        bar.add(forgetButton);
        return bar;
    }

    /** Highlights every match of the search text (case-insensitive) and says how many there are. */
    private void highlight() {
        javax.swing.text.Highlighter h = transcript.getHighlighter();
        h.removeAllHighlights();
        String needle = search.getText().toLowerCase(java.util.Locale.ROOT);
        if (needle.isEmpty()) {
            searchResult.setText(" ");
            return;
        }
        showEarlier(); // a search covers the whole conversation, not only the page shown
        String hay = transcriptText().toLowerCase(java.util.Locale.ROOT);
        int count = 0;
        int first = -1;
        javax.swing.text.Highlighter.HighlightPainter painter =
                new javax.swing.text.DefaultHighlighter.DefaultHighlightPainter(
                        javax.swing.UIManager.getColor("Component.focusColor") != null
                                ? javax.swing.UIManager.getColor("Component.focusColor") : java.awt.Color.YELLOW);
        for (int i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length())) {
            try {
                h.addHighlight(i, i + needle.length(), painter);
            } catch (BadLocationException e) {
                throw new IllegalStateException(e);
            }
            if (first < 0) {
                first = i;
            }
            count++;
        }
        searchResult.setText(count == 0 ? "no match" : count == 1 ? "1 match" : count + " matches");
        if (first >= 0) {
            transcript.setCaretPosition(first);
        }
    }

    private void confirmForget() {
        int answer = javax.swing.JOptionPane.showConfirmDialog(this,
                "<html>Forget the whole conversation with " + conversation.contact() + "?<br>"
                        + "Its key is destroyed: nobody can read this history again, not even with your passphrase."
                        + "</html>", "Forget conversation", javax.swing.JOptionPane.OK_CANCEL_OPTION,
                javax.swing.JOptionPane.WARNING_MESSAGE);
        if (answer != javax.swing.JOptionPane.OK_OPTION) {
            return;
        }
        forget.apply(conversation).whenComplete((ok, err) -> javax.swing.SwingUtilities.invokeLater(() -> {
            if (err != null) {
                appendNotice("Could not forget this conversation: " + err.getClass().getSimpleName());
                return;
            }
            transcript.setText("");
            messages = 0;
            earlier = java.util.List.of();
            updateShowEarlier();
            highlight();
            appendNotice("This conversation's history was forgotten.");
        }));
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
        if (otrToolbar != null && otrToolbar.view().status() == OtrStatus.FINISHED) {
            // OTR v3, FINISHED: "inform the user that the message cannot be sent at this time"; the user decides.
            ask(SendInClearDialog.afterFinished(javax.swing.SwingUtilities.getWindowAncestor(this),
                    conversation.contact().toString(), choice -> decided(choice, text)));
            return;
        }
        sendThroughEngine(text);
    }

    private void sendThroughEngine(String text) {
        // Shown when the engine's MessageSent (or, with OTR, ChatMessage) event comes back on the bus: what is
        // shown is what was sent.
        String id = engine.sendMessage(conversation.account(), conversation.contact(), text);
        if (otrToolbar != null) {
            unsent.put(id, text);
        }
    }

    private void ask(SendInClearDialog dialog) {
        // Shown once the current event is handled: a modal dialog inside a bus event would run the next events
        // inside this one.
        javax.swing.SwingUtilities.invokeLater(() -> dialog.setVisible(true));
    }

    private void decided(SendInClearDialog.Choice choice, String text) {
        switch (choice) {
            case SEND_IN_CLEAR -> {
                otrToolbar.otr().sendPlaintext(conversation.contact(), text);
                appendNotice("You chose to send a message unencrypted.");
            }
            case SEND_PRIVATELY -> sendThroughEngine(text);
            case DONT_SEND -> {
                if (input.getText().isEmpty()) {
                    input.setText(text);
                }
                appendNotice("The message was not sent.");
            }
        }
    }

    /** The OTR toolbar, or null without OTR. */
    public OtrToolbar otrToolbar() {
        return otrToolbar;
    }

    /** A bus event on the event dispatch thread; events of other conversations are ignored. */
    public void onEvent(Object event) {
        if (otrToolbar != null) {
            onOtrEvent(event);
            return;
        }
        if (event instanceof XmppEvent.MessageSent m && mine(m.account(), m.to())) {
            show(m, Instant.now());
        } else if (event instanceof XmppEvent.MessageReceived m && mine(m.account(), m.from())
                && !m.body().startsWith("?OTR")) {
            show(m, Instant.now());
        } else if (event instanceof XmppEvent.MessageFailed m && mine(m.account(), m.to())) {
            show(m, Instant.now());
        }
    }

    /**
     * With OTR every one-to-one message passes the OTR layer, which publishes it as a {@code ChatMessage} (stored or
     * not); the facade's durable copies of stored ones are not shown again.
     */
    private void onOtrEvent(Object event) {
        otrToolbar.onEvent(event);
        if (event instanceof OtrAccountEvent.SendFailed f && mine(f.account(), f.contact())
                && unsent.containsKey(f.localId())) {
            String text = unsent.remove(f.localId());
            appendNotice(OtrNoticeText.of(event, conversation.contact().toString()));
            ask(SendInClearDialog.afterFailure(javax.swing.SwingUtilities.getWindowAncestor(this),
                    conversation.contact().toString(), f.reason(), choice -> decided(choice, text)));
            return;
        }
        if (event instanceof OtrAccountEvent.ChatMessage m && mine(m.account(), m.contact())) {
            if (m.outgoing()) {
                unsent.remove(m.localId());
            }
            String who = m.outgoing() ? "me" : conversation.contact().local();
            append("[" + TIME.format(m.at()) + "] " + who + ": ", m.outgoing() ? mine : theirs);
            append(m.text() + "\n", null);
            messages++;
            if (m.warning()) {
                appendNotice("That message arrived unencrypted while a private conversation was expected.");
            }
        } else if (event instanceof XmppEvent.MessageFailed m && mine(m.account(), m.to())) {
            show(m, Instant.now());
        } else if (event instanceof OtrAccountEvent a && mine(a.account(), contactOf(a))) {
            String text = OtrNoticeText.of(event, conversation.contact().toString());
            if (text != null) {
                appendNotice(text);
            }
        }
    }

    private static dev.sotto.engine.xmpp.Jid contactOf(OtrAccountEvent e) {
        if (e instanceof OtrAccountEvent.Notice n) {
            return n.contact();
        }
        if (e instanceof OtrAccountEvent.SendHeld h) {
            return h.contact();
        }
        if (e instanceof OtrAccountEvent.SendFailed f) {
            return f.contact();
        }
        if (e instanceof OtrAccountEvent.ChatMessage m) {
            return m.contact();
        }
        if (e instanceof OtrAccountEvent.PolicyChanged p) {
            return p.contact();
        }
        return e.account(); // account-wide (KeyReady): never a conversation's contact
    }

    private boolean mine(dev.sotto.engine.xmpp.Jid account, dev.sotto.engine.xmpp.Jid contact) {
        return new Conversation(account, contact).equals(conversation);
    }

    private void show(Object event, Instant at) {
        StyledDocument doc = transcript.getStyledDocument();
        show(doc, doc.getLength(), event, at);
        transcript.setCaretPosition(doc.getLength());
    }

    /** Inserts one history event's lines at {@code offset}; returns the offset right after them. */
    private int show(StyledDocument doc, int offset, Object event, Instant at) {
        if (event instanceof XmppEvent.MessageSent m) {
            offset = insert(doc, offset, "[" + TIME.format(at) + "] me: ", mine);
            offset = insert(doc, offset, m.body() + "\n", null);
            messages++;
        } else if (event instanceof XmppEvent.MessageReceived m) {
            offset = insert(doc, offset, "[" + TIME.format(at) + "] " + conversation.contact().local() + ": ", theirs);
            offset = insert(doc, offset, m.body() + "\n", null);
            messages++;
        } else if (event instanceof XmppEvent.MessageFailed m) {
            offset = insert(doc, offset, "\u2014 A message could not be delivered (" + m.condition() + ").\n", notice);
        }
        return offset;
    }

    private static int insert(StyledDocument doc, int offset, String text, SimpleAttributeSet style) {
        try {
            doc.insertString(offset, text, style);
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
        return offset + text.length();
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
