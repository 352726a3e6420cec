package io.github.rcsoftphone.interop.browser;

import java.util.Map;

/**
 * One event line of the browser phone: its {@code event} name and all its fields.
 *
 * @param fields the parsed JSON object (strings, doubles, booleans)
 */
public record BrowserEvent(Map<String, Object> fields) {

    public BrowserEvent {
        fields = Map.copyOf(fields.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** The event name ({@code registered}, {@code incoming}, {@code confirmed}, ...). */
    public String name() {
        return text("event");
    }

    /** A string field, empty when absent. */
    public String text(String key) {
        Object v = fields.get(key);
        return v == null ? "" : v.toString();
    }

    /** A numeric field; throws when absent. */
    public double number(String key) {
        Object v = fields.get(key);
        if (!(v instanceof Double d)) {
            throw new IllegalStateException("event " + name() + " has no number " + key + ": " + fields);
        }
        return d;
    }

    /** A boolean field, false when absent. */
    public boolean flag(String key) {
        return Boolean.TRUE.equals(fields.get(key));
    }
}
