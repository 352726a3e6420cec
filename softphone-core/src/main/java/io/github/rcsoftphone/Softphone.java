package io.github.rcsoftphone;

import io.github.rcsoftphone.sip.transport.TlsSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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

    private final SoftphoneConfig config;

    private Softphone(SoftphoneConfig config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SoftphoneConfig config() {
        return config;
    }

    /**
     * Connects and registers. The future completes with the first successful registration, or fails with a
     * {@link SoftphoneException} whose reason says why (bad credentials, TLS, unreachable after the first attempt, ...).
     * After success the registration is refreshed and re-established after connection losses by itself.
     */
    public CompletableFuture<SoftphoneEvent.Registered> register() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Un-registers (Expires: 0), closes the connection and stops every thread. Idempotent. */
    @Override
    public void close() {
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

        public Softphone build() {
            Objects.requireNonNull(sipInfo, "sipInfo is required");
            UUID id = instanceId != null ? instanceId
                    : UUID.nameUUIDFromBytes((sipInfo.authorizationId() + "/" + sipInfo.username()).getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
            return new Softphone(new SoftphoneConfig(sipInfo, tls, listener, callbackExecutor, id, userAgent, registration));
        }
    }

    /** Everything a softphone was built with. */
    public record SoftphoneConfig(SipInfo sipInfo, TlsSettings tls, SoftphoneListener listener, Executor callbackExecutor,
            UUID instanceId, String userAgent, RegistrationOptions registration) {
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
