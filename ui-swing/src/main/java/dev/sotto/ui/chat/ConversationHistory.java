package dev.sotto.ui.chat;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.event.EventStreams;
import dev.sotto.persistence.log.EventLog;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Forget this conversation": crypto-shredding of the conversation's log stream (DESIGN.md, The log: the stream's
 * key is destroyed, its records keep their place in the chain but nobody can read them). The engine's in-memory
 * history of this run still holds the entries until the next start, so this remembers how many to skip.
 */
public final class ConversationHistory {
    private final EventLog log;
    private final SottoEngine engine;
    private final Map<Conversation, Integer> forgotten = new ConcurrentHashMap<>();

    public ConversationHistory(EventLog log, SottoEngine engine) {
        this.log = log;
        this.engine = engine;
    }

    /** Shreds the conversation's stream; completes once the key ring no longer holds its key (and is synced). */
    public CompletableFuture<Boolean> forget(Conversation c) {
        forgotten.put(c, engine.state().history(c.account(), c.contact()).size());
        return log.shred(EventStreams.conversation(c.account(), c.contact()));
    }

    /** How many of the engine's history entries of {@code c} were forgotten in this run. */
    public int forgottenEntries(Conversation c) {
        return forgotten.getOrDefault(c, 0);
    }
}
