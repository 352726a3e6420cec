/**
 * RingCentral provisioning over REST: from an app's client id and secret and a user's JWT
 * ({@link io.github.rcsoftphone.rc.provision.RestCredentials}), {@link io.github.rcsoftphone.rc.provision.SipProvisioning}
 * obtains an access token (JWT bearer grant) and then the device's {@link io.github.rcsoftphone.SipInfo} from
 * {@code POST /restapi/v1.0/client-info/sip-provision}. Secrets never appear in messages or {@code toString()}.
 */
package io.github.rcsoftphone.rc.provision;
