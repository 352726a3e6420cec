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
 * makes an inbound call (one with {@code Replaces} naming one of our dialogs replaces that call: answered at once and
 * handed to the transferred-call handler); ACK, BYE, CANCEL, re-INVITEs, REFER (we are transferred) and NOTIFY
 * (progress of our transfer) go to the call of their Call-ID (never a new call). Places outbound calls. Loop only,
 * except where noted.
 */
public final class CallManager {
    private static final Logger LOG = LoggerFactory.getLogger(CallManager.class);

    private final CallContext ctx;
    private final Consumer<Call> incoming;
    private final Consumer<Call> transferred;
    private final Map<String, CallBase> calls = new HashMap<>();
    /** The outbound calls' shared digest state: their INVITEs answer the last challenge ahead of time. */
    private final InviteCredentials inviteCredentials = new InviteCredentials();

    public CallManager(CallContext ctx, Consumer<Call> incoming) {
        this(ctx, incoming, c -> { });
    }

    /**
     * @param transferred receives the calls made by transfers: our new call when the far end transferred us (REFER),
     *     and an incoming call that replaced one of ours (INVITE with Replaces); runs on the callback executor
     */
    public CallManager(CallContext ctx, Consumer<Call> incoming, Consumer<Call> transferred) {
        this.ctx = ctx;
        this.incoming = incoming;
        this.transferred = transferred;
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
                String unreadable = unreadableOffer(request);
                if (unreadable != null) {
                    LOG.warn("488 to an INVITE with a malformed SDP offer, call {}: {}", request.callId(), unreadable);
                    channel.respond(SipResponse.forRequest(request, 488, "Not Acceptable Here", null)
                            .header("Warning", "399 softphone \"malformed SDP: " + unreadable.replaceAll("[\\p{Cntrl}\"]", "'") + "\"")
                            .build());
                    return true;
                }
                if (request.header(Transfers.REPLACES).isPresent()) {
                    replacing(channel, request);
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
            case "REFER", "NOTIFY" -> {
                if (call == null) {
                    channel.respond(SipResponse.forRequest(request, 481, "Call/Transaction Does Not Exist", null).build());
                } else if (method.equals("REFER")) {
                    ReferredCall.accept(call, request, this);
                } else {
                    call.onNotify(request);
                }
                return true;
            }
            case "MESSAGE" -> {
                agentMessage(request);
                return false;   // answered 200 by the softphone, whatever it was
            }
            default -> {
                return false;
            }
        }
    }

    /** Why the SDP offer of {@code invite} does not parse (it is answered 488 without ringing), or null. */
    private static String unreadableOffer(SipRequest invite) {
        if (invite.bodyLength() == 0) {
            return null;   // no offer: handled (488) when answering
        }
        try {
            io.github.rcsoftphone.sdp.SessionDescription.parse(invite.bodyText());
            return null;
        } catch (io.github.rcsoftphone.sdp.SdpParseException e) {
            return e.getMessage();
        }
    }

    /** RingCentral's {@code x-rc/agent} messages about ringing calls (Cmd 7, Cmd 9) go to the call they name. */
    private void agentMessage(SipRequest request) {
        if (!request.header("Content-Type").orElse("").strip().toLowerCase(java.util.Locale.ROOT).startsWith("x-rc/agent")) {
            return;
        }
        io.github.rcsoftphone.rc.RcMessage message;
        try {
            message = io.github.rcsoftphone.rc.RcMessage.parse(request.bodyText());
        } catch (io.github.rcsoftphone.rc.RcParseException e) {
            LOG.debug("ignored an unreadable x-rc/agent message: {}", e.getMessage());
            return;
        }
        for (CallBase c : new ArrayList<>(calls.values())) {
            if (c instanceof InboundCall in && in.onAgentMessage(message, request.callId())) {
                return;
            }
        }
    }

    /**
     * An INVITE with {@code Replaces} (RFC 3891, the target's side of an attended transfer): when it names one of our
     * connected dialogs the new call is answered at once and handed to the transferred-call handler, and once it is
     * answered the replaced call gets our BYE and ends {@code TRANSFERRED}; else 481.
     */
    private void replacing(SipChannel channel, SipRequest invite) {
        CallBase replaced = Transfers.Replaces.parse(invite.header(Transfers.REPLACES).orElse(null)).map(r -> {
            CallBase c = calls.get(r.callId());
            return c != null && c.dialog != null && c.state == Call.CallState.CONNECTED && r.matches(c.dialog) ? c : null;
        }).orElse(null);
        if (replaced == null) {
            channel.respond(SipResponse.forRequest(invite, 481, "Call/Transaction Does Not Exist", null).build());
            return;
        }
        InboundCall created = new InboundCall(ctx, channel, invite, c -> calls.remove(c.id()));
        calls.put(created.id(), created);
        created.ring();
        LOG.info("call {} replaces call {}", created.id(), replaced.id());
        created.answer().whenComplete((v, e) -> ctx.loop().execute(() -> {
            if (e == null && replaced.state != Call.CallState.ENDED) {
                ctx.events().accept(new io.github.rcsoftphone.SoftphoneEvent.Transferred(replaced.id(),
                        created.remoteNumber()));
                replaced.sendBye();
                replaced.end(CallEndReason.TRANSFERRED, "replaced by call " + created.id());
            }
        }));
        handOver(created);
    }

    /** Gives a call made by a transfer to the transferred-call handler, on the callback executor. */
    void handOver(Call call) {
        ctx.callbacks().execute(() -> {
            try {
                transferred.accept(call);
            } catch (RuntimeException e) {
                LOG.warn("transferred-call handler threw: {}", e.toString());
            }
        });
    }

    /**
     * A new outbound call to {@code target} (see {@link io.github.rcsoftphone.Softphone#call}); nothing is sent until
     * {@link #place} runs on the loop. Any thread.
     *
     * @throws IllegalArgumentException when the target does not make a SIP URI
     */
    public Call outbound(String target, CallOptions options) {
        SipUri uri = OutboundCall.targetUri(target, ctx.identity().sipInfo().domain());
        return new OutboundCall(ctx, target, uri, options, inviteCredentials, c -> calls.remove(c.id()));
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
