package io.github.rcsoftphone.sip.message;

/**
 * Where the headers that nearly every reader of a message looks up (Call-ID, CSeq, From, To, Via) are in one
 * {@link Headers}: found in a single pass over the names, so each later lookup is an array index instead of a scan
 * with case-insensitive, compact-form-aware matching. Immutable (final fields: safely shared between threads).
 */
final class KnownHeaders {
    static final int CALL_ID = 0;
    static final int CSEQ = 1;
    static final int FROM = 2;
    static final int TO = 3;
    static final int VIA = 4;

    /** The first line index of each slot, -1 when absent. */
    private final int[] first;
    private final int viaLines;

    private KnownHeaders(int[] first, int viaLines) {
        this.first = first;
        this.viaLines = viaLines;
    }

    /** Indexes {@code items}. */
    static KnownHeaders of(Header[] items) {
        int[] first = {-1, -1, -1, -1, -1};
        int vias = 0;
        for (int i = 0; i < items.length; i++) {
            int slot = slot(items[i].name());
            if (slot >= 0 && first[slot] < 0) {
                first[slot] = i;
            }
            if (slot == VIA) {
                vias++;
            }
        }
        return new KnownHeaders(first, vias);
    }

    /** The line index of the first header of {@code slot}, or -1. */
    int first(int slot) {
        return first[slot];
    }

    /** How many Via lines there are. */
    int viaLines() {
        return viaLines;
    }

    /** The slot of the header name {@code wire} as written (any case, compact forms too), or -1. */
    static int slot(String wire) {
        switch (wire.length()) {
            case 1 -> {
                return switch (wire.charAt(0) | 0x20) {
                    case 'i' -> CALL_ID;
                    case 'f' -> FROM;
                    case 't' -> TO;
                    case 'v' -> VIA;
                    default -> -1;
                };
            }
            case 2 -> {
                return wire.equalsIgnoreCase(HeaderNames.TO) ? TO : -1;
            }
            case 3 -> {
                return wire.equalsIgnoreCase(HeaderNames.VIA) ? VIA : -1;
            }
            case 4 -> {
                return wire.equalsIgnoreCase(HeaderNames.FROM) ? FROM : wire.equalsIgnoreCase(HeaderNames.CSEQ) ? CSEQ : -1;
            }
            case 7 -> {
                return wire.equalsIgnoreCase(HeaderNames.CALL_ID) ? CALL_ID : -1;
            }
            default -> {
                return -1;
            }
        }
    }
}
