package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.FailureReason;

/** The CLI's exit codes, as documented in every command's help. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Any other failure. */
    public static final int ERROR = 1;
    /** Bad command line or configuration (e.g. missing variables). */
    public static final int USAGE = 2;
    /** The edge rejected the credentials. */
    public static final int BAD_CREDENTIALS = 3;
    /** The edge could not be reached or did not answer in time. */
    public static final int UNREACHABLE = 4;
    /** The TLS handshake failed. */
    public static final int TLS = 5;

    static final String HEADING = "%nExit codes:%n";
    static final String LIST_0 = "0:success";
    static final String LIST_1 = "1:any other failure";
    static final String LIST_2 = "2:bad usage or configuration (missing or invalid variables, malformed .env)";
    static final String LIST_3 = "3:bad credentials (the edge answered 401/403, or RingCentral provisioning refused the app or JWT)";
    static final String LIST_4 = "4:edge or RingCentral API unreachable or not answering (connection refused, DNS, timeout)";
    static final String LIST_5 = "5:TLS failure (untrusted certificate, wrong host name)";

    private ExitCodes() {
    }

    /** Code to meaning, as listed in every command's help. */
    static java.util.Map<String, String> descriptions() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String entry : new String[] {LIST_0, LIST_1, LIST_2, LIST_3, LIST_4, LIST_5}) {
            int colon = entry.indexOf(':');
            m.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return m;
    }

    /** The exit code for a registration that failed for {@code reason}. */
    public static int forReason(FailureReason reason) {
        if (reason == null) {
            return ERROR;
        }
        return switch (reason) {
            case BAD_CREDENTIALS -> BAD_CREDENTIALS;
            case UNREACHABLE, TIMEOUT -> UNREACHABLE;
            case TLS -> TLS;
            default -> ERROR;
        };
    }
}
