package io.github.rcsoftphone.media.secure;

import java.util.Arrays;
import java.util.Objects;

/**
 * SRTP master keys for one session, from DTLS-SRTP (RFC 5764 4.2) or SDES. Key arrays are copied in and out.
 *
 * @param profile    the agreed protection profile
 * @param localKey   master key we protect outgoing packets with
 * @param localSalt  master salt for outgoing packets
 * @param remoteKey  master key the peer protects its packets with
 * @param remoteSalt master salt for incoming packets
 */
public record SrtpKeys(SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt) {
    public SrtpKeys {
        Objects.requireNonNull(profile, "profile");
        localKey = check(localKey, profile.keyLength(), "localKey");
        localSalt = check(localSalt, profile.saltLength(), "localSalt");
        remoteKey = check(remoteKey, profile.keyLength(), "remoteKey");
        remoteSalt = check(remoteSalt, profile.saltLength(), "remoteSalt");
    }

    /**
     * Splits DTLS exported keying material {@code client_key | server_key | client_salt | server_salt}.
     *
     * @param weAreClient whether we were the DTLS client (then the client halves are ours)
     */
    static SrtpKeys fromDtlsExport(SrtpProfile profile, byte[] material, boolean weAreClient) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != 2 * (k + s)) {
            throw new IllegalArgumentException("keying material must be " + 2 * (k + s) + " bytes, is " + material.length);
        }
        byte[] clientKey = Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * (k + s));
        return weAreClient ? new SrtpKeys(profile, clientKey, clientSalt, serverKey, serverSalt)
                : new SrtpKeys(profile, serverKey, serverSalt, clientKey, clientSalt);
    }

    @Override
    public byte[] localKey() {
        return localKey.clone();
    }

    @Override
    public byte[] localSalt() {
        return localSalt.clone();
    }

    @Override
    public byte[] remoteKey() {
        return remoteKey.clone();
    }

    @Override
    public byte[] remoteSalt() {
        return remoteSalt.clone();
    }

    @Override
    public String toString() {
        return "SrtpKeys[" + profile + ", keys hidden]";
    }

    private static byte[] check(byte[] v, int length, String name) {
        Objects.requireNonNull(v, name);
        if (v.length != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes, is " + v.length);
        }
        return v.clone();
    }
}
