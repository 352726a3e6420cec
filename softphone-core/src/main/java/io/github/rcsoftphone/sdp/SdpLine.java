package io.github.rcsoftphone.sdp;

/**
 * A line this model does not interpret ({@code i=}, {@code u=}, {@code e=}, {@code p=}, {@code b=}, {@code r=},
 * {@code z=}, {@code k=}, extra {@code t=}, unknown letters), kept so a description round-trips.
 * The writer puts them where RFC 8866 orders them.
 */
public record SdpLine(char type, String value) {

    /** Checks the type is a letter and the value holds no line break. */
    public SdpLine {
        if (!(type >= 'a' && type <= 'z' || type >= 'A' && type <= 'Z')) {
            throw new IllegalArgumentException("SDP line type must be a letter: " + type);
        }
        Sdp.requireLineSafe(value, "SDP line value");
    }

    /** {@code type=value}. */
    @Override
    public String toString() {
        return type + "=" + value;
    }
}
