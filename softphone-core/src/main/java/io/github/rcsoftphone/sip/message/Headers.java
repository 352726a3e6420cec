package io.github.rcsoftphone.sip.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * An immutable, ordered list of header lines. Names repeat (several Via lines) and are matched case-insensitively,
 * with compact forms standing for their full names: {@code i} Call-ID, {@code m} Contact, {@code e}
 * Content-Encoding, {@code l} Content-Length, {@code c} Content-Type, {@code f} From, {@code s} Subject, {@code k}
 * Supported, {@code t} To, {@code v} Via, {@code o} Event, {@code r} Refer-To, {@code b} Referred-By, {@code u}
 * Allow-Events, {@code x} Session-Expires.
 */
public final class Headers implements Iterable<Header> {

    private static final Headers EMPTY = new Headers(new Header[0]);

    private final Header[] items;
    /** Computed at the first lookup of a well-known header; racing threads compute equal immutable values. */
    private KnownHeaders known;

    /** Takes ownership of {@code items}, which must already be valid. */
    Headers(Header[] items) {
        this.items = items;
    }

    /** No headers. */
    public static Headers empty() {
        return EMPTY;
    }

    /** A copy of {@code list}; throws {@link IllegalArgumentException} for invalid names or values with line breaks. */
    public static Headers of(List<Header> list) {
        Header[] copy = list.toArray(new Header[0]);
        for (Header h : copy) {
            HeaderNames.check(h.name(), h.value());
        }
        return new Headers(copy);
    }

    /** The value of the first header called {@code name}. */
    public Optional<String> first(String name) {
        return Optional.ofNullable(firstOrNull(name));
    }

    /** The value of the first header called {@code name}, or null. */
    String firstOrNull(String name) {
        String key = HeaderNames.key(name);
        for (Header h : items) {
            if (HeaderNames.matches(h.name(), key)) {
                return h.value();
            }
        }
        return null;
    }

    /** The value of the first header in {@link KnownHeaders} slot {@code slot}, or null. */
    String firstKnown(int slot) {
        int i = known().first(slot);
        return i < 0 ? null : items[i].value();
    }

    /** {@link #values} of Via, from the index: no scan, and no list copy for the common single line. */
    List<String> viaValues() {
        KnownHeaders k = known();
        if (k.viaLines() == 1) {
            String value = items[k.first(KnownHeaders.VIA)].value();
            boolean plain = !value.isEmpty() && value.indexOf(',') < 0 && !Syntax.isWs(value.charAt(0))
                    && !Syntax.isWs(value.charAt(value.length() - 1));
            return plain ? List.of(value)
                    : Syntax.splitCommas(value, new ArrayList<>(1));
        }
        return k.viaLines() == 0 ? List.of() : values(HeaderNames.VIA);
    }

    private KnownHeaders known() {
        KnownHeaders k = known;
        if (k == null) {
            k = KnownHeaders.of(items);
            known = k;
        }
        return k;
    }

    /** The raw values of all header lines called {@code name}, in order. */
    public List<String> all(String name) {
        String key = HeaderNames.key(name);
        List<String> out = new ArrayList<>(2);
        for (Header h : items) {
            if (HeaderNames.matches(h.name(), key)) {
                out.add(h.value());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Like {@link #all} with each line split at its commas (commas inside quotes or angle brackets do not split).
     * Use it for list headers (Via, Contact, Route, Supported...), not for WWW-Authenticate or Date.
     */
    public List<String> values(String name) {
        String key = HeaderNames.key(name);
        List<String> out = new ArrayList<>(2);
        for (Header h : items) {
            if (HeaderNames.matches(h.name(), key)) {
                Syntax.splitCommas(h.value(), out);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether a header called {@code name} is present. */
    public boolean contains(String name) {
        String key = HeaderNames.key(name);
        for (Header h : items) {
            if (HeaderNames.matches(h.name(), key)) {
                return true;
            }
        }
        return false;
    }

    /** Number of header lines. */
    public int size() {
        return items.length;
    }

    /** The header line at {@code index}. */
    public Header get(int index) {
        return items[index];
    }

    /** The header lines as an unmodifiable list. */
    public List<Header> asList() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /**
     * These headers with every {@code name} line replaced by one {@code name: value} line, at the place of the first
     * one (or appended).
     */
    public Headers with(String name, String value) {
        HeaderNames.check(name, value);
        List<Header> list = new ArrayList<>(Arrays.asList(items));
        replace(list, name, value);
        return new Headers(list.toArray(new Header[0]));
    }

    /** These headers with {@code name: value} appended. */
    public Headers add(String name, String value) {
        HeaderNames.check(name, value);
        Header[] copy = Arrays.copyOf(items, items.length + 1);
        copy[items.length] = new Header(name, value);
        return new Headers(copy);
    }

    /** These headers without any line called {@code name}. */
    public Headers without(String name) {
        List<Header> list = new ArrayList<>(Arrays.asList(items));
        return remove(list, name) ? new Headers(list.toArray(new Header[0])) : this;
    }

    /** Replaces all {@code name} lines in {@code list} by one, at the first one's place or at the end. */
    static void replace(List<Header> list, String name, String value) {
        String key = HeaderNames.key(name);
        Header header = new Header(name, value);
        int first = -1;
        for (int i = 0; i < list.size(); i++) {
            if (HeaderNames.matches(list.get(i).name(), key)) {
                if (first < 0) {
                    first = i;
                    list.set(i, header);
                } else {
                    list.remove(i--);
                }
            }
        }
        if (first < 0) {
            list.add(header);
        }
    }

    /** Removes all {@code name} lines from {@code list}; true if any was there. */
    static boolean remove(List<Header> list, String name) {
        String key = HeaderNames.key(name);
        return list.removeIf(h -> HeaderNames.matches(h.name(), key));
    }

    @Override
    public Iterator<Header> iterator() {
        return asList().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && Arrays.equals(items, other.items);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(items);
    }

    /** One {@code Name: value} line per header, CRLF-separated. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Header h : items) {
            sb.append(h).append("\r\n");
        }
        return sb.toString();
    }
}
