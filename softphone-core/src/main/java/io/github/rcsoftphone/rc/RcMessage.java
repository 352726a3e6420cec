package io.github.rcsoftphone.rc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * RingCentral's call-control XML, carried in the {@code P-rc} header of an INVITE and in {@code x-rc/agent}
 * MESSAGE bodies: {@code <Msg><Hdr SID Req From To Cmd/><Bdy .../></Msg>}. Both maps keep attribute order and are
 * unmodifiable. {@link #toXml()} writes the form the RingCentral SDKs send.
 *
 * @param hdr the attributes of {@code <Hdr>}
 * @param bdy the attributes of {@code <Bdy>} (empty if the message had none)
 */
public record RcMessage(Map<String, String> hdr, Map<String, String> bdy) {

    /** Copies both maps, keeping order; names must be XML names and values non-null. */
    public RcMessage {
        hdr = copy(hdr, "Hdr");
        bdy = copy(bdy, "Bdy");
    }

    /**
     * Parses the XML with a hardened parser (DOCTYPE and external entities refused, at most 16 KiB).
     *
     * @throws RcParseException if it is not {@code <Msg>} with a {@code <Hdr>}
     */
    public static RcMessage parse(String xml) throws RcParseException {
        return RcXml.parse(xml);
    }

    /** {@code <Msg><Hdr .../><Bdy .../></Msg>}, attributes in order, values escaped. */
    public String toXml() {
        return RcXml.write(hdr, bdy);
    }

    /** The {@code Hdr Cmd} number, or -1 if absent or not a number. */
    public int cmd() {
        String v = hdr.get("Cmd");
        if (v == null || v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(v);
    }

    /** {@code Hdr SID}, the session id, or null. */
    public String sid() {
        return hdr.get("SID");
    }

    /** {@code Hdr Req}, the request id, or null. */
    public String req() {
        return hdr.get("Req");
    }

    /** {@code Hdr From}, or null. */
    public String from() {
        return hdr.get("From");
    }

    /** {@code Hdr To}, or null. */
    public String to() {
        return hdr.get("To");
    }

    /** {@code Bdy Cln}, the authorization id of the device a command came from, or null. */
    public String cln() {
        return bdy.get("Cln");
    }

    /** A copy with {@code Hdr Cmd} set (kept in place if present, else appended). */
    public RcMessage withCmd(int cmd) {
        return withHdr("Cmd", Integer.toString(cmd));
    }

    /** A copy with one {@code Hdr} attribute set (kept in place if present, else appended). */
    public RcMessage withHdr(String name, String value) {
        return new RcMessage(put(hdr, name, value), bdy);
    }

    /** A copy with one {@code Bdy} attribute set (kept in place if present, else appended). */
    public RcMessage withBdy(String name, String value) {
        return new RcMessage(hdr, put(bdy, name, value));
    }

    /** The XML. */
    @Override
    public String toString() {
        return toXml();
    }

    private static Map<String, String> put(Map<String, String> map, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> copy(Map<String, String> map, String element) {
        Objects.requireNonNull(map, element);
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!RcXml.isName(e.getKey())) {
                throw new IllegalArgumentException("bad " + element + " attribute name: " + e.getKey());
            }
            copy.put(e.getKey(), Objects.requireNonNull(e.getValue(), element + " attribute " + e.getKey()));
        }
        return Collections.unmodifiableMap(copy);
    }
}
