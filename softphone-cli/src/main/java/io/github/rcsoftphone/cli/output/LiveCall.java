package io.github.rcsoftphone.cli.output;

import io.github.rcsoftphone.Call;
import java.util.Locale;

/**
 * What the live status view reads from a call while it lasts. {@link #of(Call)} adapts a softphone call; tests
 * give their own.
 */
public interface LiveCall {

    /** The SIP Call-ID. */
    String id();

    /** {@code in} or {@code out}. */
    String direction();

    /** The state as shown, lower case: {@code ringing}, {@code answering}, {@code connected}, ... */
    String state();

    /** Media figures so far. */
    Call.CallStats stats();

    /** A softphone call as the view sees it. */
    static LiveCall of(Call call) {
        return new LiveCall() {
            @Override
            public String id() {
                return call.id();
            }

            @Override
            public String direction() {
                return call.direction() == Call.Direction.OUTBOUND ? "out" : "in";
            }

            @Override
            public String state() {
                return call.state().name().toLowerCase(Locale.ROOT);
            }

            @Override
            public Call.CallStats stats() {
                return call.stats();
            }
        };
    }
}
