package io.github.rcsoftphone.sip.transaction;

import java.time.Duration;

/** No final response to a request in time. */
public final class TransactionTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    public TransactionTimeoutException(String method, Duration timeout) {
        super(method + " unanswered for " + timeout.toMillis() + " ms");
    }
}
