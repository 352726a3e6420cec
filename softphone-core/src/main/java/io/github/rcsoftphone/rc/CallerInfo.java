package io.github.rcsoftphone.rc;

import java.util.Objects;

/**
 * Who is calling whom, from the INVITE's {@code P-rc} body; each field is null when absent.
 *
 * @param name the caller's name ({@code Bdy Nm})
 * @param number the caller's number ({@code Bdy Phn})
 * @param calledNumber the number that was called ({@code Bdy ToPhn})
 * @param calledName the name of the called party ({@code Bdy ToNm})
 */
public record CallerInfo(String name, String number, String calledNumber, String calledName) {

    /** Reads the four fields from a message's {@code Bdy}. */
    public static CallerInfo of(RcMessage m) {
        Objects.requireNonNull(m, "m");
        return new CallerInfo(m.bdy().get("Nm"), m.bdy().get("Phn"), m.bdy().get("ToPhn"), m.bdy().get("ToNm"));
    }
}
