package io.github.rcsoftphone.edge;

/**
 * A RingCentral agent command ({@code MESSAGE sip:#...} with {@code Content-Type: x-rc/agent}) that the edge
 * answered with 200, e.g. a phone's receive-confirm (Cmd 17).
 *
 * @param fromUser the sender's user part (its number)
 * @param requestUri the Request-URI as received
 * @param body the XML body
 */
public record AgentMessage(String fromUser, String requestUri, String body) { }
