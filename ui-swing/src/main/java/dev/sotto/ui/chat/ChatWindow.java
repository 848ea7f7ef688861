package dev.sotto.ui.chat;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.otr.OtrAccountEvent;
import dev.sotto.engine.otr.OtrInterceptor;
import dev.sotto.engine.otr.OtrNotice;
import java.awt.Dimension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.swing.JFrame;
import javax.swing.JTabbedPane;
import javax.swing.WindowConstants;

/** The chat window: one tab per open conversation. */
public final class ChatWindow extends JFrame {
    private static final long serialVersionUID = 1L;

    private final transient SottoEngine engine;
    private final transient Consumer<Conversation> reading;
    private final transient ConversationHistory history;
    private final transient OtrInterceptor otr;
    private final JTabbedPane tabs = new JTabbedPane();
    private final Map<Conversation, ChatPanel> panels = new LinkedHashMap<>();

    /**
     * @param reading told which conversation the user is reading ({@code null} when none), for unread badges
     */
    public ChatWindow(SottoEngine engine, Consumer<Conversation> reading, ConversationHistory history) {
        this(engine, null, reading, history);
    }

    /**
     * @param otr     OTR on the engine (issue 10): each tab gets the OTR toolbar; null for none
     * @param reading told which conversation the user is reading ({@code null} when none), for unread badges
     */
    public ChatWindow(SottoEngine engine, OtrInterceptor otr, Consumer<Conversation> reading,
            ConversationHistory history) {
        super("Sotto \u2014 Chat");
        this.otr = otr;
        setName("chatWindow");
        this.engine = engine;
        this.history = history;
        this.reading = reading;
        tabs.setName("chatTabs");
        tabs.putClientProperty("JTabbedPane.tabClosable", true);
        tabs.putClientProperty("JTabbedPane.tabCloseCallback",
                (java.util.function.IntConsumer) index -> close((ChatPanel) tabs.getComponentAt(index)));
        tabs.addChangeListener(e -> reading.accept(isFocused() ? current() : null));
        setContentPane(tabs);
        setDefaultCloseOperation(WindowConstants.HIDE_ON_CLOSE);
        setSize(new Dimension(800, 520));
        addWindowFocusListener(new java.awt.event.WindowFocusListener() {
            @Override
            public void windowGainedFocus(java.awt.event.WindowEvent e) {
                reading.accept(current());
            }

            @Override
            public void windowLostFocus(java.awt.event.WindowEvent e) {
                reading.accept(null);
            }
        });
    }

    /** Opens (or selects) the conversation's tab and shows the window. */
    public ChatPanel open(Conversation conversation) {
        ChatPanel panel = panels.computeIfAbsent(conversation, c -> {
            ChatPanel p = new ChatPanel(engine, otr, c, history.forgottenEntries(c), history::forget);
            tabs.addTab(c.contact().toString(), p);
            return p;
        });
        tabs.setSelectedComponent(panel);
        if (!isVisible()) {
            setLocationRelativeTo(null);
            setVisible(true);
        }
        toFront();
        panel.focusInput();
        reading.accept(conversation);
        return panel;
    }

    private void close(ChatPanel panel) {
        panels.remove(panel.conversation());
        tabs.remove(panel);
        if (panels.isEmpty()) {
            setVisible(false);
            reading.accept(null);
        }
    }

    /** The selected conversation, or {@code null}. */
    public Conversation current() {
        return tabs.getSelectedComponent() instanceof ChatPanel p ? p.conversation() : null;
    }

    public ChatPanel panel(Conversation c) {
        return panels.get(c);
    }

    /** A bus event on the event dispatch thread. */
    public void onEvent(Object event) {
        // The contact asks to authenticate: the conversation opens so the request can be answered.
        if (otr != null && event instanceof OtrAccountEvent.Notice n && n.notice() instanceof OtrNotice.SmpRequested) {
            Conversation c = new Conversation(n.account(), n.contact().bare());
            if (!panels.containsKey(c)) {
                open(c).onEvent(event);
                return;
            }
        }
        for (ChatPanel p : panels.values()) {
            p.onEvent(event);
        }
    }
}
