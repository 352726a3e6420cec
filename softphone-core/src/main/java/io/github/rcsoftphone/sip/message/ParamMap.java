package io.github.rcsoftphone.sip.message;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, ordered map of parameters (URI, Via, name-addr). Values may be null (a flag parameter such as
 * {@code ;lr}). Keys keep their spelling; the {@code *IgnoreCase} lookups follow SIP's case-insensitive names.
 */
final class ParamMap extends AbstractMap<String, String> {

    static final ParamMap EMPTY = new ParamMap(new String[0], 0);

    private final String[] kv; // key0, value0, key1, value1, ...
    private final int size;

    private ParamMap(String[] kv, int size) {
        this.kv = kv;
        this.size = size;
    }

    /** An immutable copy (or {@code map} itself when it already is one); null gives the empty map. */
    static ParamMap copyOf(Map<String, String> map) {
        if (map instanceof ParamMap p) {
            return p;
        }
        if (map == null || map.isEmpty()) {
            return EMPTY;
        }
        Builder b = new Builder();
        map.forEach(b::put);
        return b.build();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key, false) >= 0;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key, false);
        return i < 0 ? null : kv[2 * i + 1];
    }

    boolean containsIgnoreCase(String key) {
        return indexOf(key, true) >= 0;
    }

    String getIgnoreCase(String key) {
        int i = indexOf(key, true);
        return i < 0 ? null : kv[2 * i + 1];
    }

    /** This map with {@code key} set to {@code value}: an existing key (any case) keeps its place and spelling. */
    ParamMap with(String key, String value) {
        Objects.requireNonNull(key, "key");
        int i = indexOf(key, true);
        if (i >= 0) {
            String[] copy = Arrays.copyOf(kv, 2 * size);
            copy[2 * i + 1] = value;
            return new ParamMap(copy, size);
        }
        String[] copy = Arrays.copyOf(kv, 2 * size + 2);
        copy[2 * size] = key;
        copy[2 * size + 1] = value;
        return new ParamMap(copy, size + 1);
    }

    /** This map without {@code key} (any case). */
    ParamMap without(String key) {
        int i = indexOf(key, true);
        if (i < 0) {
            return this;
        }
        String[] copy = new String[2 * size - 2];
        System.arraycopy(kv, 0, copy, 0, 2 * i);
        System.arraycopy(kv, 2 * i + 2, copy, 2 * i, 2 * (size - i - 1));
        return new ParamMap(copy, size - 1);
    }

    /** Appends {@code ;key=value} (or {@code ;key} for a flag) for each entry. */
    void appendTo(StringBuilder sb, char separator) {
        for (int i = 0; i < size; i++) {
            sb.append(separator).append(kv[2 * i]);
            if (kv[2 * i + 1] != null) {
                sb.append('=').append(kv[2 * i + 1]);
            }
            separator = separator == '?' ? '&' : separator;
        }
    }

    private int indexOf(Object key, boolean ignoreCase) {
        if (!(key instanceof String k)) {
            return -1;
        }
        for (int i = 0; i < size; i++) {
            if (ignoreCase ? kv[2 * i].equalsIgnoreCase(k) : kv[2 * i].equals(k)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(kv[2 * i], kv[2 * i + 1]);
                    }
                };
            }
        };
    }

    /** Collects entries in order; a repeated key (same spelling) keeps its first place and takes the last value. */
    static final class Builder {
        private String[] kv = new String[8];
        private int size;

        Builder put(String key, String value) {
            Objects.requireNonNull(key, "parameter name");
            for (int i = 0; i < size; i++) {
                if (kv[2 * i].equals(key)) {
                    kv[2 * i + 1] = value;
                    return this;
                }
            }
            if (2 * size + 2 > kv.length) {
                kv = Arrays.copyOf(kv, kv.length * 2);
            }
            kv[2 * size] = key;
            kv[2 * size + 1] = value;
            size++;
            return this;
        }

        ParamMap build() {
            return size == 0 ? EMPTY : new ParamMap(kv, size);
        }
    }
}
