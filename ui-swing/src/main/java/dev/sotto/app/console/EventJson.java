package dev.sotto.app.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.engine.event.XmppEvent;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * The console's public view of an event (DESIGN.md, Console contract): {@code {"event":"<Name>","account":...}}
 * followed by the record's other components. Events carry no secret fields (passwords never appear in events).
 */
final class EventJson {
    private final ObjectMapper mapper;

    EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode toJson(XmppEvent event) {
        ObjectNode node = mapper.createObjectNode();
        node.put("event", event.getClass().getSimpleName());
        node.put("account", event.account().toString());
        fill(node, (Record) event, "account");
        return node;
    }

    private void fill(ObjectNode node, Record record, String skip) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(skip)) {
                continue;
            }
            Object value;
            try {
                value = c.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            put(node, c.getName(), value);
        }
    }

    private void put(ObjectNode node, String name, Object value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof Integer i) {
            node.put(name, i);
        } else if (value instanceof Long l) {
            node.put(name, l);
        } else if (value instanceof List<?> list) {
            ArrayNode array = node.putArray(name);
            for (Object item : list) {
                if (item instanceof Record r) {
                    ObjectNode child = array.addObject();
                    fill(child, r, null);
                } else {
                    array.add(String.valueOf(item));
                }
            }
        } else if (value instanceof Record r && !(value instanceof dev.sotto.engine.xmpp.Jid)) {
            fill(node.putObject(name), r, null);
        } else {
            node.put(name, value.toString()); // JIDs, enums, strings
        }
    }
}
