package dev.sotto.app.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.xmpp.Jid;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Collection;

/**
 * The console's public view of an event (DESIGN.md, Console contract): {@code {"event":"<Name>","account":...}}
 * followed by the record's other components. Secret fields ({@link Secret}: passwords, private keys) are left
 * out entirely, not masked (DESIGN.md, Secrets).
 */
final class EventJson {
    private final ObjectMapper mapper;

    EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON line of {@code event}, or {@code null} when it is not a record (nothing to print). */
    ObjectNode toJson(Object event) {
        if (!(event instanceof Record record)) {
            return null;
        }
        ObjectNode node = mapper.createObjectNode();
        node.put("event", event.getClass().getSimpleName());
        Object account = component(record, "account");
        if (account != null) {
            node.put("account", account.toString());
        }
        fill(node, record, "account");
        return node;
    }

    private static Object component(Record record, String name) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                return read(record, c);
            }
        }
        return null;
    }

    private static Object read(Record record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    private void fill(ObjectNode node, Record record, String skip) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(skip) || c.getType() == Secret.class) {
                continue; // DESIGN.md, Secrets: the public view has no secret fields
            }
            put(node, c.getName(), read(record, c));
        }
    }

    private void put(ObjectNode node, String name, Object value) {
        if (value instanceof Secret) {
            return;
        }
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof Integer i) {
            node.put(name, i);
        } else if (value instanceof Long l) {
            node.put(name, l);
        } else if (value instanceof byte[] bytes) {
            node.put(name, java.util.HexFormat.of().withUpperCase().formatHex(bytes));
        } else if (value instanceof Instant t) {
            node.put(name, t.toString());
        } else if (value instanceof Collection<?> list) {
            ArrayNode array = node.putArray(name);
            for (Object item : list) {
                if (item instanceof Record r && !(item instanceof Jid)) {
                    fill(array.addObject(), r, null);
                } else if (!(item instanceof Secret)) {
                    array.add(String.valueOf(item));
                }
            }
        } else if (value instanceof Record r && !(value instanceof Jid)) {
            fill(node.putObject(name), r, null);
        } else {
            node.put(name, value.toString()); // JIDs, enums, strings
        }
    }
}
