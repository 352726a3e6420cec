package io.github.rcsoftphone.call;

import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import java.util.function.Consumer;

/**
 * The responses to one INVITE we sent other than its final one: provisional responses go to the call until the 2xx
 * arrives; a retransmitted 2xx is ACKed again with the ACK {@link #acked given}. The channel keeps this object for
 * RFC 6026 Timer M (32 s) after the 2xx; once {@link #acked} or {@link #detach detached} it holds no reference to the
 * call, so an ended call is garbage when it ends rather than 32 s later. A call that ends before any final response
 * stays attached: a provisional response may still owe the far end a CANCEL. Loop only.
 */
final class InviteResponses implements Consumer<SipResponse> {
    private final SipChannel channel;
    private Consumer<SipResponse> provisional;
    private SipRequest ack;

    InviteResponses(SipChannel channel, Consumer<SipResponse> provisional) {
        this.channel = channel;
        this.provisional = provisional;
    }

    /** The 2xx came and was ACKed with {@code ack}: retransmissions get it again; provisional responses are dropped. */
    void acked(SipRequest ack) {
        this.ack = ack;
        this.provisional = null;
    }

    /** The call no longer wants responses to this INVITE (a newer INVITE went out). */
    void detach() {
        provisional = null;
    }

    @Override
    public void accept(SipResponse response) {
        if (response.statusCode() >= 200) {
            if (ack != null) {
                channel.sendStateless(ack);   // a retransmitted 2xx
            }
        } else if (provisional != null) {
            provisional.accept(response);
        }
    }
}
