package io.github.rcsoftphone.call;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Call.CallEndReason;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.message.SipUri;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the calls of one softphone, inbound and outbound, by Call-ID. Routes the edge's call requests: a new INVITE
 * makes an inbound call; ACK, BYE, CANCEL and re-INVITEs go to the call of their Call-ID (never a new call). Places
 * outbound calls. Loop only, except where noted.
 */
public final class CallManager {
    private static final Logger LOG = LoggerFactory.getLogger(CallManager.class);

    private final CallContext ctx;
    private final Consumer<Call> incoming;
    private final Map<String, CallBase> calls = new HashMap<>();

    public CallManager(CallContext ctx, Consumer<Call> incoming) {
        this.ctx = ctx;
        this.incoming = incoming;
    }

    /** Handles a request; false when it is not about calls. */
    public boolean onRequest(SipChannel channel, SipRequest request) {
        String method = request.method();
        CallBase call = calls.get(request.callId());
        switch (method) {
            case "INVITE" -> {
                if (call != null) {
                    if (request.to().tag() != null) {
                        call.onReInvite(request);
                    } // else: a retransmitted INVITE; the 180/200 already went out on a reliable transport
                    return true;
                }
                if (request.to().tag() != null) {
                    channel.respond(SipResponse.forRequest(request, 481, "Call/Transaction Does Not Exist", null).build());
                    return true;
                }
                InboundCall created = new InboundCall(ctx, channel, request, c -> calls.remove(c.id()));
                calls.put(created.id(), created);
                created.ring();
                ctx.callbacks().execute(() -> {
                    try {
                        incoming.accept(created);
                    } catch (RuntimeException e) {
                        LOG.warn("incoming-call handler threw: {}", e.toString());
                    }
                });
                return true;
            }
            case "ACK" -> {
                if (call != null) {
                    call.onAck(request);
                }
                return true;
            }
            case "UPDATE" -> {   // a session refresh (RFC 4028) or a re-offer, answered like a re-INVITE
                if (call == null || request.to().tag() == null) {
                    channel.respond(SipResponse.forRequest(request, 481, "Call/Transaction Does Not Exist", null).build());
                } else {
                    call.onReInvite(request);
                }
                return true;
            }
            case "BYE", "CANCEL" -> {
                if (call == null) {
                    channel.respond(SipResponse.forRequest(request, 481, "Call/Transaction Does Not Exist", null).build());
                } else if (method.equals("BYE")) {
                    call.onBye(request);
                } else {
                    call.onCancel(request);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * A new outbound call to {@code target} (see {@link io.github.rcsoftphone.Softphone#call}); nothing is sent until
     * {@link #place} runs on the loop. Any thread.
     *
     * @throws IllegalArgumentException when the target does not make a SIP URI
     */
    public Call outbound(String target, CallOptions options) {
        SipUri uri = OutboundCall.targetUri(target, ctx.identity().sipInfo().domain());
        return new OutboundCall(ctx, target, uri, options, c -> calls.remove(c.id()));
    }

    /** Sends the INVITE of a call made by {@link #outbound} on {@code channel} (null: not connected, the call fails). */
    public void place(Call call, SipChannel channel) {
        OutboundCall c = (OutboundCall) call;
        calls.put(c.id(), c);
        c.place(channel);
    }

    /** Ends every call (connection lost, or close). */
    public void terminateAll(CallEndReason reason, String detail) {
        List<CallBase> all = new ArrayList<>(calls.values());
        all.forEach(c -> c.terminate(reason, detail));
        calls.clear();
    }

    /** Calls in progress. */
    public int size() {
        return calls.size();
    }
}
