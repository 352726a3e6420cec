package io.github.rcsoftphone.sdp;

/**
 * An {@code a=} line: {@code a=name:value}, or a flag {@code a=name} (then {@code value} is null).
 * The value is kept exactly as written; typed views ({@link RtpMap}, {@link Candidate}, ...) parse it on demand.
 */
public record Attribute(String name, String value) {

    /** Checks the name (non-empty, no colon or white space) and that neither part holds a line break. */
    public Attribute {
        Sdp.requireToken(name, "attribute name");
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("attribute name contains ':': " + name);
        }
        if (value != null) {
            Sdp.requireLineSafe(value, "attribute value");
        }
    }

    /** An attribute with a value. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, java.util.Objects.requireNonNull(value, "value"));
    }

    /** A flag attribute such as {@code rtcp-mux}. */
    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** True for a flag (no value). */
    public boolean isFlag() {
        return value == null;
    }

    /** What follows {@code a=}: {@code name:value} or {@code name}. */
    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }

    static Attribute parse(String text) throws SdpParseException {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        if (name.isEmpty() || !Sdp.isToken(name)) {
            throw new SdpParseException("bad attribute name '" + name + "'");
        }
        return new Attribute(name, colon < 0 ? null : text.substring(colon + 1));
    }
}
