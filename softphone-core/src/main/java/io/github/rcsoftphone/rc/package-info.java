/**
 * RingCentral specifics kept out of the generic SIP code: the {@code P-rc} call-control XML
 * ({@link io.github.rcsoftphone.rc.RcMessage}), the commands a device sends about a ringing call
 * ({@link io.github.rcsoftphone.rc.RcCommands}), caller details and the {@code p-rc-api-ids} header.
 * No SIP types are used here; the call layer puts these bodies into MESSAGE requests.
 */
package io.github.rcsoftphone.rc;
