package io.github.rcsoftphone;

import io.github.rcsoftphone.call.CallContext;
import io.github.rcsoftphone.call.CallManager;
import io.github.rcsoftphone.media.codec.AudioCodecs;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import io.github.rcsoftphone.media.codec.OpusUnavailableException;
import io.github.rcsoftphone.media.secure.WebRtcConfig;
import io.github.rcsoftphone.register.RegisterRequests;
import io.github.rcsoftphone.register.RegistrationAgent;
import io.github.rcsoftphone.sched.EventLoop;
import io.github.rcsoftphone.sched.Scheduler;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import io.github.rcsoftphone.sip.transaction.SipConnection;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import io.github.rcsoftphone.sip.transport.TransportConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RingCentral device: connects to the edge, registers and keeps the registration fresh, reconnects by itself.
 * Every thread and socket it opens is released by {@link #close()}.
 *
 * <pre>{@code
 * try (Softphone phone = Softphone.builder().sipInfo(SipInfo.fromEnv(System.getenv())).listener(System.out::println).build()) {
 *     phone.register().join();
 * }
 * }</pre>
 */
public final class Softphone implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Softphone.class);
    private static final int MAX_MESSAGE_BYTES = 65_536;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private final SoftphoneConfig config;
    private final SoftphoneRuntime runtime;
    private final boolean ownRuntime;
    /** The signalling state's loop and clock: the runtime's loop, or the scheduler given to the builder. */
    private final Scheduler loop;
    private final Executor callbacks;
    private final RegistrationAgent registration;
    private final CallManager calls;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Consumer<Call> incomingHandler;
    private volatile Consumer<Call> transferredHandler = call -> { };

    private Softphone(SoftphoneConfig config, Scheduler scheduler) {
        this.config = config;
        this.ownRuntime = config.runtime() == null;
        this.runtime = ownRuntime ? SoftphoneRuntime.create() : config.runtime();
        if (runtime.isClosed()) {
            throw new IllegalStateException("the SoftphoneRuntime is closed");
        }
        this.loop = scheduler != null ? scheduler : runtime.loop();
        this.callbacks = config.callbackExecutor() != null ? config.callbackExecutor() : runtime.callbacks();
        SecureRandom random = new SecureRandom();
        SipInfo info = config.sipInfo();
        RegisterRequests requests = new RegisterRequests(info, config.instanceId(), config.userAgent(), random);
        this.registration = new RegistrationAgent(loop, this::connect, info, config.registration(), requests,
                this::emit, this::onRequest, random);
        this.incomingHandler = config.incomingCalls();
        List<InetSocketAddress> stun = info.stunServers().stream()
                .map(s -> SipInfo.HostPort.parse(s, "stunServers")).map(h -> InetSocketAddress.createUnresolved(h.host(), h.port()))
                .toList();
        WebRtcConfig d = WebRtcConfig.defaults(runtime.dtlsIdentity(), false);
        boolean anyPort = config.mediaPortMin() == 0;
        WebRtcConfig webrtc = new WebRtcConfig(d.identity(), false, stun, config.mediaAddress(),
                anyPort ? d.minPort() : config.mediaPortMin(), anyPort ? d.maxPort() : config.mediaPortMax(),
                d.connectTimeout(), d.threadFactory()).withMediaIo(runtime.mediaIo());
        io.github.rcsoftphone.media.secure.SdesConfig sdes = io.github.rcsoftphone.media.secure.SdesConfig.defaults()
                .withBindAddress(config.mediaAddress()).withMediaIo(runtime.mediaIo());
        if (!anyPort) {
            sdes = sdes.withPorts(config.mediaPortMin(), config.mediaPortMax());
        }
        this.calls = new CallManager(new CallContext(loop, requests, info.authorizationId(), config.codecs(), webrtc,
                sdes, runtime.mediaClock(), runtime.mediaSetup(), this::emit, callbacks, config.mediaTimeout(), config.opus().resolve(),
                config.opusComplexity()),
                call -> incomingHandler.accept(call), call -> transferredHandler.accept(call));
    }

    /**
     * Decides what happens to each incoming call: {@code call.answer()}, {@code call.decline()}, or nothing (it keeps
     * ringing, other devices may answer). Runs on the callback executor.
     */
    public void onIncomingCall(Consumer<Call> handler) {
        this.incomingHandler = Objects.requireNonNull(handler);
    }

    /**
     * Receives the calls that transfers make, which are not incoming calls to decide on: when the far end of one of
     * our calls transfers us (REFER), the new outbound call to the target, handed over as soon as it is placed (record
     * or play on it like on any call; the old call ends {@code TRANSFERRED} once the new one is answered and stays if
     * it fails); and an incoming call that replaces one of ours (INVITE with {@code Replaces}, the target's side of an
     * attended transfer), already being answered. Runs on the callback executor; default: nothing.
     */
    public void onTransferredCall(Consumer<Call> handler) {
        this.transferredHandler = Objects.requireNonNull(handler);
    }

    /** Calls {@code target} with the default options; see {@link #call(String, CallOptions)}. */
    public Call call(String target) {
        return call(target, CallOptions.defaults());
    }

    /**
     * Calls {@code target}: {@code +16505550100}, {@code 16505550100} or an extension like {@code 101} (called as
     * {@code sip:<target>@<domain>}), or a full {@code sip:} URI. Returns at once; the INVITE goes out on the
     * signalling loop over the current connection (the softphone should be registered). Follow the call with
     * {@link Call#answered()}, {@link Call#ended()} and the {@code calling}, {@code ringing}, {@code answered} and
     * {@code ended} events.
     *
     * @throws IllegalArgumentException when the target does not make a SIP URI
     * @throws IllegalStateException when the softphone is closed
     */
    public Call call(String target, CallOptions options) {
        Objects.requireNonNull(options, "options");
        if (closed.get()) {
            throw new IllegalStateException("softphone is closed");
        }
        Call call = calls.outbound(target, options);
        loop.execute(() -> calls.place(call, registration.channel()));
        return call;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SoftphoneConfig config() {
        return config;
    }

    /**
     * Connects and registers. The future completes with the first successful registration, or fails with a
     * {@link SoftphoneException} whose reason says why (bad credentials, TLS, unreachable after the first attempt on
     * the main proxy and, when {@link SipInfo#outboundProxyBackup()} is set, on the backup one, ...). After success the
     * registration is refreshed and re-established after connection losses by itself, on the backup proxy when the
     * main one cannot be reached.
     */
    public CompletableFuture<SoftphoneEvent.Registered> register() {
        if (closed.get()) {
            throw new IllegalStateException("softphone is closed");
        }
        CompletableFuture<SoftphoneEvent.Registered> result = new CompletableFuture<>();
        registration.start().whenComplete((event, error) -> callbacks.execute(() -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(event);
            }
        }));
        return result;
    }

    /** Un-registers (Expires: 0), closes the connection and stops every thread. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> hungUp = new CompletableFuture<>();
        loop.execute(() -> {
            calls.terminateAll(Call.CallEndReason.CLOSED, "softphone closed");
            hungUp.complete(null);
        });
        try {
            hungUp.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("ending calls on close: {}", e.toString());
        }
        try {
            registration.stop().get(config.registration().answerTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("un-register did not finish in time; closing anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("un-register failed: {}", e.getCause().toString());
        }
        if (ownRuntime) {
            runtime.close();
        }
    }

    /** Dials {@code proxy}: the main or the backup outbound proxy, as the registration's failover chose. */
    private CompletableFuture<SipChannel> connect(SipInfo.HostPort proxy, SipChannel.Handler handler) {
        TransportConfig transport = new TransportConfig(config.sipInfo().transport(), proxy.host(), proxy.port(),
                config.tls(), config.registration().connectTimeout(), KEEP_ALIVE, MAX_MESSAGE_BYTES, runtime.ioThreads(),
                runtime.loop().executor(), TransportConfig.DEFAULT_MESSAGE_READ_TIMEOUT, runtime.webSockets());
        return SipConnection.open(transport, loop, handler);
    }

    /** Requests outside registration: OPTIONS is answered; what this version cannot do yet gets 501. */
    private void onRequest(SipChannel channel, SipRequest request) {
        if (calls.onRequest(channel, request)) {
            return;
        }
        switch (request.method()) {
            case "MESSAGE" -> channel.respond(SipResponse.forRequest(request, 200, "OK", null).build());
            case "ACK" -> { }
            case "OPTIONS" -> channel.respond(SipResponse.forRequest(request, 200, "OK", null)
                    .header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO, REFER, NOTIFY").build());
            default -> channel.respond(SipResponse.forRequest(request, 501, "Not Implemented", null).build());
        }
    }

    private void emit(SoftphoneEvent event) {
        LOG.debug("event {}", event);
        if (event instanceof SoftphoneEvent.ConnectionLost lost) {
            calls.terminateAll(Call.CallEndReason.CONNECTION_LOST, lost.detail());
        }
        try {
            callbacks.execute(() -> {
                try {
                    config.listener().onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("listener threw on {}: {}", event.type(), e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("event after close dropped: {}", event);
        }
    }

    /** Builds a {@link Softphone}; only {@link #sipInfo} is required. */
    public static final class Builder {
        private SipInfo sipInfo;
        private TlsSettings tls = TlsSettings.defaults();
        private SoftphoneListener listener = SoftphoneListener.NONE;
        private Executor callbackExecutor;
        private UUID instanceId;
        private String userAgent = "ringcentral-softphone-java";
        private RegistrationOptions registration = RegistrationOptions.defaults();
        private List<String> codecs = List.of("opus", "PCMU", "PCMA");
        private Consumer<Call> incomingCalls = call -> { };
        private java.net.InetAddress mediaAddress;
        private Duration mediaTimeout = CallContext.DEFAULT_MEDIA_TIMEOUT;
        private int mediaPortMin;
        private int mediaPortMax;
        private SoftphoneRuntime runtime;
        private OpusImplementation opus = OpusImplementation.AUTO;
        private int opusComplexity = AudioCodecs.DEFAULT_OPUS_COMPLEXITY;
        private Scheduler scheduler;

        public Builder sipInfo(SipInfo sipInfo) {
            this.sipInfo = sipInfo;
            return this;
        }

        public Builder tls(TlsSettings tls) {
            this.tls = Objects.requireNonNull(tls);
            return this;
        }

        public Builder listener(SoftphoneListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** Where listener callbacks run; default: a single thread owned (and stopped) by the softphone. */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = executor;
            return this;
        }

        /** The device's stable {@code +sip.instance}; default: derived from the authorization id and user name. */
        public Builder instanceId(UUID instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent);
            return this;
        }

        public Builder registration(RegistrationOptions options) {
            this.registration = Objects.requireNonNull(options);
            return this;
        }

        /** Codec preference for answers, by SDP encoding name; default {@code opus, PCMU, PCMA}. */
        public Builder codecs(List<String> codecs) {
            if (codecs.isEmpty()) {
                throw new IllegalArgumentException("at least one codec is needed");
            }
            this.codecs = List.copyOf(codecs);
            return this;
        }

        /** The incoming-call handler (see {@link Softphone#onIncomingCall}); default: let calls ring. */
        public Builder onIncomingCall(Consumer<Call> handler) {
            this.incomingCalls = Objects.requireNonNull(handler);
            return this;
        }

        /**
         * The local address calls' media sockets bind to and offer as ICE host candidates; default: every address of
         * the machine. A loopback address keeps media on this machine (tests, the local edge).
         */
        public Builder mediaAddress(java.net.InetAddress address) {
            this.mediaAddress = address;
            return this;
        }

        /**
         * How long a connected call may go without any RTP or RTCP from the far end before it is ended with
         * {@link Call.CallEndReason#MEDIA_TIMEOUT} (and a BYE): the far end vanished without hanging up (crashed,
         * lost its network). Not counted while the call is on hold (either side) or {@code inactive}. Default 20 s;
         * {@link Duration#ZERO} switches it off. WebRTC calls also end when ICE consent (RFC 7675) is lost (30 s).
         *
         * @throws IllegalArgumentException for a negative duration
         */
        public Builder mediaTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("media timeout must not be negative: " + timeout);
            }
            this.mediaTimeout = timeout;
            return this;
        }

        /**
         * Which Opus codec calls use: {@link OpusImplementation#AUTO} (default: native libopus when it can be loaded,
         * pure Java otherwise), {@link OpusImplementation#NATIVE} (then {@link #build()} fails with
         * {@link OpusUnavailableException} when libopus cannot be loaded) or {@link OpusImplementation#JAVA}.
         */
        public Builder opus(OpusImplementation opus) {
            this.opus = Objects.requireNonNull(opus);
            return this;
        }

        /**
         * The Opus encoder complexity of this softphone's calls, native and Java alike: 0 (cheapest) to 10 (best
         * quality per bit); default {@value AudioCodecs#DEFAULT_OPUS_COMPLEXITY}. libopus advises lowering it on a
         * busy server: a program encoding many calls at once (a voice bot, a load generator) trades a little quality
         * for CPU (at 32 kbit/s voice stays clear at 0-2). Decoding does not depend on it.
         *
         * @throws IllegalArgumentException outside 0..10
         */
        public Builder opusComplexity(int complexity) {
            this.opusComplexity = AudioCodecs.checkOpusComplexity(complexity);
            return this;
        }

        /**
         * The local UDP ports calls' media may use, both included (for a firewall): a WebRTC call takes one, an SDES
         * call two (RTP and RTCP = RTP + 1). Default: any free port.
         *
         * @throws IllegalArgumentException unless {@code 1 <= min < max <= 65535}
         */
        public Builder mediaPorts(int min, int max) {
            if (min < 1 || max > 65535 || min >= max) {
                throw new IllegalArgumentException("bad media port range " + min + ".." + max
                        + ": need 1 <= min < max <= 65535");
            }
            this.mediaPortMin = min;
            this.mediaPortMax = max;
            return this;
        }

        /**
         * Runs the softphone on a runtime shared with other softphones (its threads, WebSocket clients and DTLS
         * certificate); closing the softphone leaves the runtime running. Default: a runtime of its own.
         */
        public Builder runtime(SoftphoneRuntime shared) {
            this.runtime = shared;
            return this;
        }

        /**
         * Runs the signalling state and its timers (registration refreshes, back-off, transaction and session timers)
         * on {@code scheduler} and its clock instead of the runtime's loop thread; default: the runtime's
         * {@link EventLoop}. For tests that drive time themselves (a fake clock: hours of registration refreshes in
         * seconds); whoever passes one must keep running its tasks, also while {@link Softphone#close()} waits for
         * them. Transport keep-alives and media keep real time.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Builds the softphone (it connects only on {@link Softphone#register()}).
         *
         * @throws OpusUnavailableException when {@link #opus} is {@link OpusImplementation#NATIVE} and libopus
         *         cannot be loaded
         */
        public Softphone build() {
            Objects.requireNonNull(sipInfo, "sipInfo is required");
            opus.resolve();
            UUID id = instanceId != null ? instanceId
                    : UUID.nameUUIDFromBytes((sipInfo.authorizationId() + "/" + sipInfo.username()).getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
            return new Softphone(new SoftphoneConfig(sipInfo, tls, listener, callbackExecutor, id, userAgent, registration,
                    codecs, incomingCalls, mediaAddress, mediaTimeout, mediaPortMin, mediaPortMax, runtime, opus,
                    opusComplexity), scheduler);
        }
    }

    /**
     * Everything a softphone was built with; {@code opus} is the implementation asked for (AUTO by default),
     * {@code opusComplexity} the Opus encoder complexity (0-10).
     */
    public record SoftphoneConfig(SipInfo sipInfo, TlsSettings tls, SoftphoneListener listener, Executor callbackExecutor,
            UUID instanceId, String userAgent, RegistrationOptions registration, List<String> codecs,
            Consumer<Call> incomingCalls, java.net.InetAddress mediaAddress, Duration mediaTimeout, int mediaPortMin,
            int mediaPortMax, SoftphoneRuntime runtime, OpusImplementation opus, int opusComplexity) {

        public SoftphoneConfig {
            Objects.requireNonNull(opus, "opus");
            AudioCodecs.checkOpusComplexity(opusComplexity);
        }

        /** A configuration with the default Opus complexity. */
        public SoftphoneConfig(SipInfo sipInfo, TlsSettings tls, SoftphoneListener listener, Executor callbackExecutor,
                UUID instanceId, String userAgent, RegistrationOptions registration, List<String> codecs,
                Consumer<Call> incomingCalls, java.net.InetAddress mediaAddress, Duration mediaTimeout,
                int mediaPortMin, int mediaPortMax, SoftphoneRuntime runtime, OpusImplementation opus) {
            this(sipInfo, tls, listener, callbackExecutor, instanceId, userAgent, registration, codecs, incomingCalls,
                    mediaAddress, mediaTimeout, mediaPortMin, mediaPortMax, runtime, opus,
                    AudioCodecs.DEFAULT_OPUS_COMPLEXITY);
        }
    }

    /**
     * Registration timing.
     *
     * @param requestedExpires the expiry asked for in REGISTER (the WSS edge grants at most 60 s)
     * @param answerTimeout a REGISTER unanswered this long means the connection is dead (5 s)
     * @param reconnectInitial first reconnect delay; doubles up to {@code reconnectMax}
     * @param reconnectMax longest reconnect delay
     * @param rejectedBackoff delay before retrying after 5xx or 603 Too Many Contacts
     * @param connectTimeout how long a connection attempt may take
     */
    public record RegistrationOptions(int requestedExpires, Duration answerTimeout, Duration reconnectInitial,
            Duration reconnectMax, Duration rejectedBackoff, Duration connectTimeout) {
        public static RegistrationOptions defaults() {
            return new RegistrationOptions(600, Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofSeconds(3),
                    Duration.ofSeconds(30), Duration.ofSeconds(5));
        }
    }
}
