package io.github.rcsoftphone.rc;

/** A {@code P-rc} or {@code x-rc/agent} body that is not the expected {@code <Msg><Hdr/><Bdy/></Msg>} XML. */
public final class RcParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A parse failure described by {@code message}. */
    public RcParseException(String message) {
        super(message);
    }

    /** A parse failure with its cause (the XML parser's error). */
    public RcParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
