package io.github.rcsoftphone.media.secure;

/** Our DTLS role. {@link #CLIENT} sends the ClientHello (SDP {@code a=setup:active}); {@link #SERVER} is {@code setup:passive}. */
public enum DtlsRole { CLIENT, SERVER }
