package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneListener;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import java.util.concurrent.CompletableFuture;

/** Creates the {@link Phone} a command drives. */
@FunctionalInterface
public interface PhoneFactory {

    /** A phone for {@code sipInfo} that reports its events to {@code listener}. */
    Phone create(SipInfo sipInfo, TlsSettings tls, SoftphoneListener listener, String userAgent, java.util.List<String> codecs);

    /** Real softphones from softphone-core. */
    static PhoneFactory softphones() {
        return (sipInfo, tls, listener, userAgent, codecs) -> {
            Softphone softphone = Softphone.builder().sipInfo(sipInfo).tls(tls).listener(listener).userAgent(userAgent)
                    .codecs(codecs).build();
            return new Phone() {
                @Override
                public CompletableFuture<SoftphoneEvent.Registered> register() {
                    return softphone.register();
                }

                @Override
                public void onIncomingCall(java.util.function.Consumer<io.github.rcsoftphone.Call> handler) {
                    softphone.onIncomingCall(handler);
                }

                @Override
                public io.github.rcsoftphone.Call call(String target) {
                    return softphone.call(target);
                }

                @Override
                public void close() {
                    softphone.close();
                }
            };
        };
    }
}
