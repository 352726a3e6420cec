package io.github.rcsoftphone.sdp;

import java.util.Objects;

/**
 * The outcome of {@link OfferAnswer#chooseAudio}: the codec to use (with the offer's payload type), the fmtp to
 * answer with, the telephone-event format if the offer has one, our direction and whether RTCP is multiplexed.
 *
 * @param fmtp parameters for our {@code a=fmtp} of the codec, or null for none
 * @param telephoneEvent the offer's RFC 4733 format to use, or null
 */
public record AudioChoice(RtpMap codec, String fmtp, RtpMap telephoneEvent, Direction answerDirection,
        boolean rtcpMux) {

    /** Codec and direction are required. */
    public AudioChoice {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(answerDirection, "answerDirection");
        if (fmtp != null) {
            Sdp.requireLineSafe(fmtp, "fmtp");
        }
    }
}
